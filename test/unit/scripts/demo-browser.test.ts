import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { perUserPort } from '../../../agent/commands/start-command.ts';
import { agentPort, chromiumArgs, OPTIONS_URL, optionsUrl, waitForAgent } from '../../../scripts/demo-browser.ts';
import { portFromHash } from '../../../extension/ui/options-link.ts';

const flag = (args: string[], name: string) => args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);

describe('demo.sh --browser: the agent port', () => {
  it('reads --port the ways egisz-agent start takes it, among the other options', () => {
    expect(agentPort([])).toBe(17346);
    expect(agentPort(['--data-dir', 'x', '--port', '18000'])).toBe(18000);
    expect(agentPort(['--port=18001', '--config', 'c.json'])).toBe(18001);
    expect(agentPort(['--port', 'per-user'])).toBe(perUserPort());
  });

  it('opens the options page with that port in its address, the way the page reads it', () => {
    expect(optionsUrl(18000)).toBe(`${OPTIONS_URL}#port=18000`);
    expect(portFromHash(new URL(optionsUrl(18000)).hash)).toBe(18000);
    expect(portFromHash(new URL(optionsUrl(agentPort(['--port', 'per-user']))).hash)).toBe(perUserPort());
  });
});

describe('demo.sh --browser: Chromium flags', () => {
  const base = { extension: '/ext', profile: '/profile' };

  it('loads the built extension and lets no other extension in', () => {
    const args = chromiumArgs({ ...base, headless: false, root: false });
    expect(flag(args, '--load-extension')).toBe('/ext');
    expect(flag(args, '--disable-extensions-except')).toBe('/ext');
    expect(flag(args, '--user-data-dir')).toBe('/profile');
    expect(args).not.toContain('--disable-extensions');
  });

  it('shows a window unless asked to be headless, and drops the sandbox only for root', () => {
    const onDisplay = chromiumArgs({ ...base, headless: false, root: false });
    expect(onDisplay.some((a) => a.startsWith('--headless'))).toBe(false);
    expect(onDisplay).not.toContain('--no-sandbox');
    const headlessRoot = chromiumArgs({ ...base, headless: true, root: true });
    expect(headlessRoot).toContain('--headless=new');
    expect(headlessRoot).toContain('--no-sandbox');
  });
});

describe('demo.sh --browser: waiting for the agent', () => {
  it('answers true once the demo MIS answers, false when nothing listens', async () => {
    const server = createServer((request, response) => response.writeHead(request.url === '/demo/consultation.html' ? 200 : 404).end());
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    expect(await waitForAgent(port, 2_000)).toBe(true);
    await new Promise((done) => server.close(done));
    expect(await waitForAgent(port, 600)).toBe(false);
  });
});
