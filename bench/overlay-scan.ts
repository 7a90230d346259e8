/**
 * The overlay on the 3,000-input page in headless Chromium: scan + validate +
 * mark (goal ≤ 50 ms median), re-read and re-validate one edited field
 * (≤ 2 ms), label detection over the whole page (what the form detector
 * costs where no profile matches), and the detector on an ordinary page where
 * it stays silent. Prints the figures; not a test.
 *
 *   npx wxt build && node bench/overlay-scan.ts
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { build } from 'vite';
import { startFixtureServer } from '../test/support/fixture-server.ts';

const RUNS = 30;
const GOALS: Record<string, number | undefined> = { full: 50, edit: 2 };
const LABELS: Record<string, string> = {
  full: 'scan + validate + mark (13 marks, 3,000+ inputs)',
  edit: 're-read + re-validate one edited field, marks updated',
  detect: 'label detection over the page (no profile)',
  silent: 'form detector on an ordinary page (stays silent)',
};

async function bundle(): Promise<string> {
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: true, lib: { entry: resolve(import.meta.dirname, 'overlay-page.tsx'), formats: ['iife'], name: 'egiszBench' } },
  });
  const chunk = (Array.isArray(output) ? output[0] : output) as { output: { code?: string }[] };
  return chunk.output[0]!.code!;
}

const code = await bundle();
const css = readFileSync(resolve('.output/chrome-mv3/content-scripts/overlay.css'), 'utf8');
const fixtures = await startFixtureServer();
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  await page.goto(`${fixtures.base}/large/index.html`);
  const inputs = await page.$$eval('input', (all) => all.length);
  await page.addScriptTag({ content: code });
  const results = await page.evaluate(
    (cssText, runs) => (window as unknown as { egiszBench: { run(c: string, r: number): Record<string, number[]> } }).egiszBench.run(cssText, runs),
    css,
    RUNS,
  );
  await page.goto(`${fixtures.base}/plain/news.html`);
  await page.addScriptTag({ content: code });
  const quiet = await page.evaluate(
    (runs) => (window as unknown as { egiszBench: { silent(r: number): Record<string, number[]> } }).egiszBench.silent(runs),
    RUNS,
  );
  console.log(`page: ${inputs} inputs; ${RUNS} runs each, headless Chromium`);
  for (const [name, times] of Object.entries({ ...results, ...quiet })) {
    const sorted = [...times].sort((a, b) => a - b);
    const at = (q: number): number => sorted[Math.floor(q * (sorted.length - 1))] ?? 0;
    const goal = GOALS[name];
    const verdict = goal === undefined ? '' : `  goal ≤ ${goal} ms: ${at(0.5) <= goal ? 'met' : 'MISSED'}`;
    console.log(`${LABELS[name]}: median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms${verdict}`);
  }
} finally {
  await browser.close();
  await fixtures.close();
}
