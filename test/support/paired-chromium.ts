/**
 * An e2e file's fixture: a demo agent and a Chromium with the built extension
 * paired to it before the tests, both stopped after them.
 */
import { afterAll, beforeAll } from 'vitest';
import { pairChromium } from './browser-steps.ts';
import { launchChromiumWithExtension, type LaunchedBrowser } from './chromium.ts';
import { startDemoAgent, type DemoAgent } from './demo-agent.ts';

export interface PairedChromium {
  agent: DemoAgent;
  chromium: LaunchedBrowser;
}

/** Call at the top of a test file; the fields are set once beforeAll has run. */
export function usePairedChromium(): PairedChromium {
  const running = {} as PairedChromium;
  beforeAll(async () => {
    running.agent = await startDemoAgent();
    running.chromium = await launchChromiumWithExtension();
    await pairChromium(running.chromium.browser, running.agent);
  });
  afterAll(async () => {
    await running.chromium?.close();
    await running.agent?.stop();
  });
  return running;
}
