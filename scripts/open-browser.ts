/**
 * Opens the system Chromium (with a display) with the built extension loaded,
 * a throw-away profile, the extension's options page for pairing and the demo
 * MIS. Used by `scripts/demo.sh --browser`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_AGENT_PORT, EXTENSION_ID } from '../shared/protocol/extension-id.ts';

const { values } = parseArgs({ options: { port: { type: 'string' } }, strict: false });
const port = Number(values.port ?? DEFAULT_AGENT_PORT);
const extension = resolve('.output/chrome-mv3');
const profile = mkdtempSync(join(tmpdir(), 'egisz-demo-chromium-'));

const child = spawn(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', [
  `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--disable-sync',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  `--disable-extensions-except=${extension}`, `--load-extension=${extension}`,
  `chrome-extension://${EXTENSION_ID}/options.html`,
  `http://127.0.0.1:${port}/demo/consultation.html`,
], { stdio: 'ignore', detached: true });
child.unref();
