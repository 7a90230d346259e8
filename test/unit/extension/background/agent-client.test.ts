import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AgentClient, PING_INTERVAL_MS, type AgentClientOptions } from '../../../../extension/background/agent-client.ts';
import { authMac } from '../../../../extension/background/agent-auth.ts';
import { AgentError } from '../../../../extension/background/agent-error.ts';
import type { AgentFrame } from '../../../../shared/protocol/messages.ts';
import { FakeAgentSocket, settle } from './fake-agent-socket.ts';

const credentials = { clientId: 'client-1', secret: 'a1'.repeat(32) };
const hello: AgentFrame = { type: 'hello', challenge: 'c0ffee'.repeat(10), protocol: 1, agentVersion: '0.1.0' };

function client(overrides: Partial<AgentClientOptions> = {}): AgentClient {
  return new AgentClient({
    endpoint: async () => 'ws://127.0.0.1:17346/ws',
    credentials: async () => credentials,
    WebSocket: FakeAgentSocket,
    ...overrides,
  });
}

/** Runs the connect handshake on the newest socket as a well-behaved agent. */
async function handshake(count = FakeAgentSocket.opened.length + 1): Promise<FakeAgentSocket> {
  const socket = await FakeAgentSocket.opening(count);
  socket.deliver(hello);
  await socket.sentFrame('auth');
  socket.deliver({ type: 'ready', clientId: credentials.clientId });
  await settle();
  return socket;
}

beforeEach(() => FakeAgentSocket.reset());
afterEach(() => vi.useRealTimers());

describe('authMac', () => {
  it('is the hex HMAC-SHA256 of the challenge keyed by the secret, as node:crypto computes it', async () => {
    const expected = createHmac('sha256', credentials.secret).update(hello.type === 'hello' ? hello.challenge : '').digest('hex');
    await expect(authMac(credentials.secret, 'c0ffee'.repeat(10))).resolves.toBe(expected);
    await expect(authMac('other', 'c0ffee'.repeat(10))).resolves.not.toBe(expected);
  });
});

describe('AgentClient connect', () => {
  it('answers hello with auth {clientId, mac} and becomes ready on `ready`', async () => {
    const agent = client();
    const connected = agent.connect();
    const socket = await FakeAgentSocket.opening();
    expect(socket.url).toBe('ws://127.0.0.1:17346/ws');
    socket.deliver(hello);
    await socket.sentFrame('auth');
    const mac = createHmac('sha256', credentials.secret).update('c0ffee'.repeat(10)).digest('hex');
    expect(socket.sent).toEqual([{ type: 'auth', clientId: 'client-1', mac }]);
    expect(agent.isReady).toBe(false);
    socket.deliver({ type: 'ready', clientId: 'client-1' });
    await expect(connected).resolves.toBe(socket);
    expect(agent.isReady).toBe(true);
  });

  it('opens no socket before pairing', async () => {
    const agent = client({ credentials: async () => undefined });
    await expect(agent.connect()).rejects.toMatchObject({ code: 'AGENT_NOT_PAIRED' });
    expect(FakeAgentSocket.opened).toHaveLength(0);
  });

  it('fails with the agent’s own error when auth is refused', async () => {
    const connected = client().connect();
    await FakeAgentSocket.opening();
    FakeAgentSocket.last.deliver(hello);
    await FakeAgentSocket.last.sentFrame('auth');
    FakeAgentSocket.last.deliver({ type: 'error', code: 'AGENT_NOT_PAIRED', message: 'Расширение не сопряжено' });
    await expect(connected).rejects.toEqual(new AgentError('AGENT_NOT_PAIRED', 'Расширение не сопряжено'));
    expect(FakeAgentSocket.last.closed).toBe(true);
  });

  it('shares one socket between concurrent callers', async () => {
    const agent = client();
    const both = Promise.all([agent.connect(), agent.connect()]);
    await handshake();
    const [a, b] = await both;
    expect(a).toBe(b);
    expect(FakeAgentSocket.opened).toHaveLength(1);
  });
});

describe('AgentClient requests', () => {
  it('matches answers to requests by id, whatever their order', async () => {
    const agent = client();
    const first = agent.request({ type: 'job-status', jobId: 'j1' }, { timeoutMs: 1000 });
    const second = agent.request({ type: 'job-status', jobId: 'j2' }, { timeoutMs: 1000 });
    const socket = await handshake();
    const [a, b] = socket.sent.filter((f) => f.type === 'job-status') as { id: string; jobId: string }[];
    expect(a!.id).not.toBe(b!.id);
    socket.deliver({ type: 'job', id: b!.id, jobId: 'j2', state: 'registered', emdrId: 'E2' });
    socket.deliver({ type: 'job', id: a!.id, jobId: 'j1', state: 'sending' });
    await expect(first).resolves.toMatchObject({ jobId: 'j1', state: 'sending' });
    await expect(second).resolves.toMatchObject({ jobId: 'j2', emdrId: 'E2' });
  });

  it('rejects with the agent’s code, message and issues on an error frame', async () => {
    const agent = client();
    const prepared = agent.request({ type: 'prepare', origin: 'http://mis', record: {} }, { timeoutMs: 1000 });
    const socket = await handshake();
    const issues = [{ path: 'patient.snils', code: 'SNILS_CHECKSUM', severity: 'error' as const, message: 'Неверный СНИЛС' }];
    socket.deliver({ type: 'error', id: socket.lastSent('prepare')!.id, code: 'VALIDATION_FAILED', message: 'Ошибки', issues });
    await expect(prepared).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: 'Ошибки', issues });
  });

  it('treats frames before `until` as progress, passing every job frame to onJob', async () => {
    const onJob = vi.fn();
    const agent = client({ onJob });
    const signed = agent.request(
      { type: 'sign', jobId: 'j1', pin: '1234', certificate: 'ff' },
      { timeoutMs: 1000, until: (f) => f.type !== 'job' || f.state !== 'signing' },
    );
    const socket = await handshake();
    const id = socket.lastSent('sign')!.id;
    socket.deliver({ type: 'job', id, jobId: 'j1', state: 'signing' });
    await settle();
    expect(onJob).toHaveBeenCalledTimes(1);
    socket.deliver({ type: 'job', id, jobId: 'j1', state: 'sending', localUid: 'u1' });
    await expect(signed).resolves.toMatchObject({ state: 'sending' });
    socket.deliver({ type: 'job', jobId: 'j1', state: 'registered', emdrId: 'E1' });
    expect(onJob.mock.calls.map(([f]) => f.state)).toEqual(['signing', 'sending', 'registered']);
  });

  it('ignores answers for unknown ids and junk frames', async () => {
    const agent = client();
    const pending = agent.request({ type: 'job-status', jobId: 'j1' }, { timeoutMs: 1000 });
    const socket = await handshake();
    socket.deliver({ type: 'job', id: 'someone-else', jobId: 'j9', state: 'failed' });
    socket.onmessage?.({ data: '{not json' });
    socket.deliver({ type: 'job', id: socket.lastSent('job-status')!.id, jobId: 'j1', state: 'submitted' });
    await expect(pending).resolves.toMatchObject({ jobId: 'j1', state: 'submitted' });
  });

  it('times a silent request out', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const agent = client();
    const pending = agent.request({ type: 'job-status', jobId: 'j1' }, { timeoutMs: 5000 });
    await handshake();
    const outcome = pending.catch((e: unknown) => e);
    vi.advanceTimersByTime(5000);
    await expect(outcome).resolves.toMatchObject({ code: 'AGENT_TIMEOUT' });
  });
});

describe('AgentClient keepalive and reconnect', () => {
  it('pings every 20 s while there is work, and closes after idling', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    let busy = true;
    const agent = client({ hasWork: () => busy });
    void agent.connect();
    const socket = await handshake();
    vi.advanceTimersByTime(PING_INTERVAL_MS * 3);
    expect(socket.sent.filter((f) => f.type === 'ping')).toHaveLength(3);
    busy = false;
    vi.advanceTimersByTime(PING_INTERVAL_MS * 3);
    expect(socket.closed).toBe(true);
    expect(agent.isReady).toBe(false);
  });

  it('rejects pending requests when the socket drops and reconnects with backoff while jobs are in flight', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const onReady = vi.fn();
    const agent = client({ hasWork: () => true, onReady });
    const pending = agent.request({ type: 'job-status', jobId: 'j1' }, { timeoutMs: 60_000 }).catch((e: unknown) => e);
    const first = await handshake();
    first.close();
    await expect(pending).resolves.toMatchObject({ code: 'AGENT_CONNECTION_LOST' });
    expect(FakeAgentSocket.opened).toHaveLength(1);
    vi.advanceTimersByTime(999);
    expect(FakeAgentSocket.opened).toHaveLength(1);
    vi.advanceTimersByTime(1);
    const second = await handshake(2);
    expect(second).not.toBe(first);
    expect(onReady).toHaveBeenCalledTimes(2);
    expect(agent.isReady).toBe(true);
  });

  it('does not reconnect when nothing is in flight', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const agent = client({ hasWork: () => false });
    void agent.connect();
    (await handshake()).close();
    vi.advanceTimersByTime(60_000);
    expect(FakeAgentSocket.opened).toHaveLength(1);
  });
});
