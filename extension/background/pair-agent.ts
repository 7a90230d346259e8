import type { ClientFrame } from '../../shared/protocol/messages.ts';
import { AgentError } from './agent-error.ts';
import { parseAgentFrame, type SocketFactory } from './agent-socket.ts';

export interface AgentCredentials {
  clientId: string;
  /** Per-install secret from the agent; the key of the HMAC proof on every connect. */
  secret: string;
}

const PAIRING_TIMEOUT_MS = 10_000;

/**
 * Pairs over a fresh connection of its own (the main one needs credentials
 * to exist): wait for hello, send the code, take the secret, close.
 */
export function pairWithAgent(url: string, code: string, Socket: SocketFactory): Promise<AgentCredentials> {
  return new Promise((resolve, reject) => {
    const socket = new Socket(url);
    const finish = (outcome: () => void): void => {
      clearTimeout(timer);
      socket.onclose = null;
      socket.onmessage = null;
      socket.close();
      outcome();
    };
    const timer = setTimeout(() => finish(() => reject(AgentError.of('AGENT_TIMEOUT'))), PAIRING_TIMEOUT_MS);
    socket.onerror = () => undefined; // a close event always follows
    socket.onclose = () => finish(() => reject(AgentError.of('AGENT_UNAVAILABLE')));
    socket.onmessage = (event) => {
      const frame = parseAgentFrame(event.data);
      if (frame?.type === 'hello') socket.send(JSON.stringify({ type: 'pair', code } satisfies ClientFrame));
      if (frame?.type === 'paired') finish(() => resolve({ clientId: frame.clientId, secret: frame.secret }));
      if (frame?.type === 'error') finish(() => reject(new AgentError(frame.code, frame.message)));
    };
  });
}
