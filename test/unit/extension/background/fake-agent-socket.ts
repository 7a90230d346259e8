import type { AgentFrame, ClientFrame } from '../../../../shared/protocol/messages.ts';
import type { SocketLike } from '../../../../extension/background/agent-socket.ts';

/**
 * A stand-in for the browser WebSocket, driven by the test as if it were the agent.
 * Every instance is recorded in `FakeAgentSocket.opened`.
 */
export class FakeAgentSocket implements SocketLike {
  static opened: FakeAgentSocket[] = [];
  readyState = 0;
  readonly sent: ClientFrame[] = [];
  closed = false;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly url: string;

  constructor(url: string) {
    this.url = url;
    FakeAgentSocket.opened.push(this);
    queueMicrotask(() => {
      this.readyState = 1;
      this.onopen?.({});
    });
  }

  static reset(): void {
    FakeAgentSocket.opened = [];
  }

  /** Waits until the client has opened its `count`-th socket, and returns it. */
  static async opening(count = 1): Promise<FakeAgentSocket> {
    for (let round = 0; round < 2000 && FakeAgentSocket.opened.length < count; round++) await settle(1);
    const socket = FakeAgentSocket.opened[count - 1];
    if (!socket) throw new Error(`socket #${count} was never opened`);
    return socket;
  }

  static get last(): FakeAgentSocket {
    const socket = FakeAgentSocket.opened.at(-1);
    if (!socket) throw new Error('no socket was opened');
    return socket;
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientFrame);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.readyState = 3;
    this.onclose?.({});
  }

  /** The agent sends a frame. */
  deliver(frame: AgentFrame): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  /** Waits (on real immediates, so fake timers do not matter) until the extension has sent a frame of the type. */
  async sentFrame<T extends ClientFrame['type']>(type: T): Promise<Extract<ClientFrame, { type: T }>> {
    // A real-time deadline, not a round count: WebCrypto's HMAC runs off-thread and is slow on a loaded machine.
    const deadline = process.hrtime.bigint() + 10_000_000_000n;
    while (process.hrtime.bigint() < deadline) {
      const frame = this.lastSent(type);
      if (frame) return frame;
      await settle(1);
    }
    throw new Error(`no ${type} frame was sent`);
  }

  /** The last frame of a type the extension sent. */
  lastSent<T extends ClientFrame['type']>(type: T): Extract<ClientFrame, { type: T }> | undefined {
    return this.sent.filter((f) => f.type === type).at(-1) as Extract<ClientFrame, { type: T }> | undefined;
  }
}

/** Lets pending promises and WebCrypto callbacks run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}
