/**
 * The demo's browser: the system Chromium with the built extension, a
 * throw-away profile, the extension's options page (pairing, the agent's port
 * filled in from its address) and the demo MIS.
 * `scripts/open-browser.ts` runs it on a display for `demo.sh --browser`; the
 * e2e test runs the same code headless.
 *
 * Two waits make it work: the demo MIS is served by the agent, which
 * demo.sh starts alongside, so the page is opened once the agent answers;
 * and Chromium refuses an extension page asked for before its unpacked
 * extension has loaded (ERR_BLOCKED_BY_CLIENT), so the options page is opened
 * once the extension's service worker runs, not from the command line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import puppeteer, { type Browser } from 'puppeteer-core';
import { perUserPort } from '../agent/commands/start-command.ts';
import { optionsHash } from '../extension/ui/options-link.ts';
import { DEFAULT_AGENT_PORT, EXTENSION_ID } from '../shared/protocol/extension-id.ts';

export const OPTIONS_URL = `chrome-extension://${EXTENSION_ID}/options.html`;
/** The options page with the agent's port filled in: only the pairing code is left to type. */
export const optionsUrl = (port: number) => `${OPTIONS_URL}${optionsHash(port)}`;
export const demoMisUrl = (port: number) => `http://127.0.0.1:${port}/demo/consultation.html`;

/** The agent's port from the arguments demo.sh passes to `egisz-agent start`, read the way that command reads them. */
export function agentPort(args: string[]): number {
  const { values } = parseArgs({ args, options: { port: { type: 'string' } }, strict: false, allowPositionals: true });
  const port = values.port;
  if (typeof port !== 'string') return DEFAULT_AGENT_PORT;
  return port === 'per-user' ? perUserPort() : Number(port);
}

export interface ChromiumOptions {
  extension: string;
  profile: string;
  headless: boolean;
  /** Chromium refuses to run as root with its sandbox. */
  root: boolean;
}

/** Every flag Chromium gets (puppeteer adds only its pipe): the extension loaded, no first-run, sync or translate noise. */
export function chromiumArgs({ extension, profile, headless, root }: ChromiumOptions): string[] {
  return [
    `--user-data-dir=${profile}`,
    '--no-first-run', '--no-default-browser-check', '--disable-background-networking', '--disable-sync',
    // The demo pages are Russian: no offer to translate them over the form.
    '--disable-component-update', '--disable-features=Translate',
    ...(root ? ['--no-sandbox'] : []),
    ...(headless ? ['--headless=new'] : ['--start-maximized']),
    `--disable-extensions-except=${extension}`, `--load-extension=${extension}`,
  ];
}

/** Resolves once the demo MIS answers; false when it did not within `timeoutMs`. */
export async function waitForAgent(port: number, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const answered = await fetch(demoMisUrl(port)).then((r) => r.ok, () => false);
    if (answered) return true;
    await new Promise((done) => setTimeout(done, 250));
  }
  return false;
}

export interface DemoBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export interface DemoBrowserOptions {
  port: number;
  headless?: boolean;
  executablePath?: string;
}

/** Starts Chromium and opens the options page, then the demo MIS (the agent must be answering). */
export async function openDemoBrowser({ port, headless = false, executablePath }: DemoBrowserOptions): Promise<DemoBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'egisz-demo-chromium-'));
  const extension = resolve('.output/chrome-mv3');
  const browser = await puppeteer.launch({
    executablePath: executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    pipe: true,
    ignoreDefaultArgs: true,
    defaultViewport: null,
    // The caller decides what a signal does (open-browser.ts closes and cleans up).
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    args: chromiumArgs({ extension, profile, headless, root: process.getuid?.() === 0 }),
  });
  const close = async () => {
    await browser.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  };
  try {
    await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${EXTENSION_ID}/`), { timeout: 30_000 });
    const [first] = await browser.pages();
    const options = first ?? (await browser.newPage());
    await options.goto(optionsUrl(port));
    await (await browser.newPage()).goto(demoMisUrl(port));
    await options.bringToFront();
    return { browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}
