/**
 * `scripts/demo.sh --browser`: waits for the demo agent, then opens Chromium
 * on the display with the built extension, its options page for pairing and
 * the demo MIS (scripts/demo-browser.ts). Runs as long as the browser does;
 * demo.sh stops it, and with it the browser, when the agent stops.
 */
import { agentPort, openDemoBrowser, waitForAgent } from './demo-browser.ts';

const port = agentPort(process.argv.slice(2));
if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('Браузер не открыт: нет дисплея (DISPLAY). Откройте Chromium сами, см. README, или запустите под xvfb-run.');
  process.exit(1);
}
if (!(await waitForAgent(port, 120_000))) {
  console.error(`Браузер не открыт: агент не ответил на порту ${port} за 2 минуты.`);
  process.exit(1);
}
try {
  const { browser, close } = await openDemoBrowser({ port });
  // Closing the window ends this process; a stop of this process closes the window.
  browser.once('disconnected', () => void close().then(() => process.exit(0)));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void close().then(() => process.exit(0)));
} catch (error) {
  console.error(`Браузер не открыт: ${(error as Error).message}`);
  process.exit(1);
}
