/**
 * An integration file's fixture: a demo agent and one WebSocket paired to it
 * as the extension's background would be, before the tests; both closed after.
 */
import { afterAll, beforeAll } from 'vitest';
import { pairedAgentSocket, type AgentSocket } from './agent-ws-client.ts';
import { startDemoAgent, type DemoAgent } from './demo-agent.ts';

export interface PairedAgent {
  agent: DemoAgent;
  client: AgentSocket & { clientId: string };
}

/** Call at the top of a test file; the fields are set once beforeAll has run. */
export function usePairedAgent(options?: Parameters<typeof startDemoAgent>[0]): PairedAgent {
  const running = {} as PairedAgent;
  beforeAll(async () => {
    running.agent = await startDemoAgent(options);
    running.client = await pairedAgentSocket(running.agent.port, () => running.agent.pairing.issueCode());
  });
  afterAll(async () => {
    running.client?.close();
    await running.agent?.stop();
  });
  return running;
}
