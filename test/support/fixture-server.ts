/**
 * Serves the MIS-like fixture pages (test/fixtures/pages) over real HTTP at
 * /mis-fixtures/, the way a clinic's server would: HTML without a charset in
 * the header (the legacy pages declare windows-1251 themselves), Preact from
 * node_modules for the SPA, the 3,000-input page generated, and the demo MIS
 * (agent/demo/mis) under demo/: its talon page is the page without a profile,
 * kept in one place rather than copied here.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { largePage } from '../fixtures/pages/large/large-page.ts';

const root = resolve('test/fixtures/pages');
const DEMO_MIS = 'demo/';
const demoRoot = resolve('agent/demo/mis');
const VENDOR: Record<string, string> = {
  'vendor/preact.mjs': resolve('node_modules/preact/dist/preact.mjs'),
  'vendor/hooks.mjs': resolve('node_modules/preact/hooks/dist/hooks.mjs'),
};
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
export const FIXTURE_PREFIX = '/mis-fixtures/';

export interface FixtureServer {
  /** e.g. http://127.0.0.1:40123/mis-fixtures */
  base: string;
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const server = createServer((request, response) => {
    void serve(new URL(request.url ?? '/', 'http://fixtures').pathname).then(
      (page) => {
        if (!page) return response.writeHead(404).end('not found');
        response.writeHead(200, { 'content-type': page.type, 'cache-control': 'no-store' }).end(page.body);
      },
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}${FIXTURE_PREFIX.slice(0, -1)}`, close: () => closeServer(server) };
}

async function serve(pathname: string): Promise<{ type: string; body: string | Buffer } | undefined> {
  if (!pathname.startsWith(FIXTURE_PREFIX)) return undefined;
  const relative = normalize(decodeURIComponent(pathname.slice(FIXTURE_PREFIX.length)));
  if (relative.startsWith('..')) return undefined;
  if (relative === 'large/index.html') return { type: 'text/html; charset=utf-8', body: largePage() };
  const file = VENDOR[relative] ?? fileOf(relative);
  const type = TYPES[extname(file)];
  if (!type || extname(file) === '.ts') return undefined;
  const body = await readFile(file).catch(() => undefined);
  return body ? { type, body } : undefined;
}

function fileOf(relative: string): string {
  return relative.startsWith(DEMO_MIS) ? join(demoRoot, relative.slice(DEMO_MIS.length)) : join(root, relative);
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((done) => server.close(() => done()));
}
