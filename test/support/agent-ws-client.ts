/**
 * A test client that talks to the agent the way the extension's background
 * worker does: over the WebSocket, with the extension's Origin, pairing and
 * the HMAC challenge. Frames are queued so a test can await them in order.
 */
import { createHmac } from 'node:crypto';
import WebSocket from 'ws';
import { EXTENSION_ORIGINS } from '../../shared/protocol/extension-id.ts';
import type { AgentFrame } from '../../shared/protocol/messages.ts';

export interface AgentSocket {
  ws: WebSocket;
  /** The next frame from the agent (waits up to timeoutMs). */
  next(timeoutMs?: number): Promise<AgentFrame>;
  /** Skips frames until one matches. */
  until(match: (f: AgentFrame) => boolean, timeoutMs?: number): Promise<AgentFrame>;
  send(frame: unknown): void;
  close(): void;
}

export async function openAgentSocket(port: number, headers: Record<string, string> = {}): Promise<AgentSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, {
    headers: { Origin: EXTENSION_ORIGINS[0]!, Host: `127.0.0.1:${port}`, ...headers },
  });
  const inbox: AgentFrame[] = [];
  const waiters: ((f: AgentFrame) => void)[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as AgentFrame;
    const waiter = waiters.shift();
    if (waiter) waiter(frame);
    else inbox.push(frame);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  const next = (timeoutMs = 30_000) => new Promise<AgentFrame>((resolve, reject) => {
    const queued = inbox.shift();
    if (queued) return resolve(queued);
    const timer = setTimeout(() => reject(new Error('no frame from the agent in time')), timeoutMs);
    waiters.push((f) => {
      clearTimeout(timer);
      resolve(f);
    });
  });
  const until = async (match: (f: AgentFrame) => boolean, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const frame = await next(Math.max(1, deadline - Date.now()));
      if (match(frame)) return frame;
    }
  };
  return {
    ws, next, until,
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    close: () => ws.close(),
  };
}

export const hmacHex = (secret: string, challenge: string) => createHmac('sha256', secret).update(challenge).digest('hex');

/** Pairs with a fresh code, then opens an authenticated socket. */
export async function pairedAgentSocket(port: number, issueCode: () => string): Promise<AgentSocket & { clientId: string }> {
  const pairing = await openAgentSocket(port);
  await pairing.next();
  pairing.send({ type: 'pair', code: issueCode() });
  const paired = await pairing.next();
  pairing.close();
  if (paired.type !== 'paired') throw new Error(`pairing failed: ${JSON.stringify(paired)}`);
  const socket = await openAgentSocket(port);
  const hello = await socket.next();
  if (hello.type !== 'hello') throw new Error('no hello');
  socket.send({ type: 'auth', clientId: paired.clientId, mac: hmacHex(paired.secret, hello.challenge) });
  const ready = await socket.next();
  if (ready.type !== 'ready') throw new Error(`auth failed: ${JSON.stringify(ready)}`);
  return { ...socket, clientId: paired.clientId };
}
