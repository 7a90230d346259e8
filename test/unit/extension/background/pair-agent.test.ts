import { beforeEach, describe, expect, it } from 'vitest';
import { pairWithAgent } from '../../../../extension/background/pair-agent.ts';
import { FakeAgentSocket } from './fake-agent-socket.ts';

const hello = { type: 'hello', challenge: 'ch', protocol: 1, agentVersion: '0.1.0' } as const;

beforeEach(() => FakeAgentSocket.reset());

describe('pairWithAgent', () => {
  it('answers hello with the code and returns the credentials from `paired`, closing its socket', async () => {
    const paired = pairWithAgent('ws://127.0.0.1:17346/ws', '700-369', FakeAgentSocket);
    const socket = await FakeAgentSocket.opening();
    expect(socket.url).toBe('ws://127.0.0.1:17346/ws');
    socket.deliver(hello);
    expect(socket.sent).toEqual([{ type: 'pair', code: '700-369' }]);
    socket.deliver({ type: 'paired', clientId: 'c1', secret: 'ab'.repeat(32) });
    await expect(paired).resolves.toEqual({ clientId: 'c1', secret: 'ab'.repeat(32) });
    expect(socket.closed).toBe(true);
  });

  it('passes the agent’s refusal on', async () => {
    const paired = pairWithAgent('ws://127.0.0.1:17346/ws', '000-000', FakeAgentSocket);
    const socket = await FakeAgentSocket.opening();
    socket.deliver(hello);
    socket.deliver({ type: 'error', code: 'AGENT_PAIRING_CODE_INVALID', message: 'Код сопряжения неверен' });
    await expect(paired).rejects.toMatchObject({ code: 'AGENT_PAIRING_CODE_INVALID', message: 'Код сопряжения неверен' });
    expect(socket.closed).toBe(true);
  });

  it('reports an agent that is not there', async () => {
    const paired = pairWithAgent('ws://127.0.0.1:1/ws', '700-369', FakeAgentSocket);
    (await FakeAgentSocket.opening()).close();
    await expect(paired).rejects.toMatchObject({ code: 'AGENT_UNAVAILABLE' });
  });
});
