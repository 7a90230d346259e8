/**
 * The one WebSocket from the background to the agent: opened lazily on the
 * first request, authenticated with the pairing secret, kept alive by a ping
 * every 20 s (which also keeps the MV3 service worker alive), reopened with
 * backoff while jobs are in flight. Answers are matched to requests by `id`.
 */
import type { AgentFrame, ClientFrame } from '../../shared/protocol/messages.ts';
import { AgentError } from './agent-error.ts';
import { authMac } from './agent-auth.ts';
import { parseAgentFrame, SOCKET_OPEN, type SocketFactory, type SocketLike } from './agent-socket.ts';
import type { AgentCredentials } from './pair-agent.ts';

type RequestFrame = Extract<ClientFrame, { id: string }>;
/** A request as callers write it; the client assigns the id. */
export type AgentRequest = RequestFrame extends infer F ? (F extends RequestFrame ? Omit<F, 'id'> : never) : never;
export type JobFrame = Extract<AgentFrame, { type: 'job' }>;

export interface AgentClientOptions {
  /** The ws:// address, read on every connect because the port may change. */
  endpoint(): Promise<string>;
  /** Undefined until the extension is paired. */
  credentials(): Promise<AgentCredentials | undefined>;
  WebSocket?: SocketFactory;
  /** Every `job` frame, whether it answers a request or is pushed later. */
  onJob?(frame: JobFrame): void;
  /** After each successful auth, so the owner can resync jobs it watches. */
  onReady?(): void;
  /** While true the socket stays open and is reopened when dropped. */
  hasWork?(): boolean;
}

export interface RequestOptions {
  timeoutMs: number;
  /** Which answer ends the request; earlier ones with the same id are progress. Default: the first. */
  until?(frame: AgentFrame): boolean;
}

interface Pending {
  until(frame: AgentFrame): boolean;
  resolve(frame: AgentFrame): void;
  reject(error: AgentError): void;
  timer: ReturnType<typeof setTimeout>;
}

export const PING_INTERVAL_MS = 20_000;
const HANDSHAKE_TIMEOUT_MS = 5_000;
/** Pings with nothing to do before the socket is closed and the worker may sleep. */
const IDLE_PINGS = 3;
const BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export class AgentClient {
  private readonly options: AgentClientOptions;
  private readonly Socket: SocketFactory;
  private socket: SocketLike | undefined;
  private connecting: Promise<SocketLike> | undefined;
  private readonly pending = new Map<string, Pending>();
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private reconnectAttempt = 0;
  private idlePings = 0;

  constructor(options: AgentClientOptions) {
    this.options = options;
    this.Socket = options.WebSocket ?? (globalThis.WebSocket as unknown as SocketFactory);
  }

  get isReady(): boolean {
    return this.socket !== undefined;
  }

  /** Sends a request and settles on its answer; an agent `error` frame rejects with AgentError. */
  async request(body: AgentRequest, options: RequestOptions): Promise<AgentFrame> {
    const socket = await this.connect();
    const id = crypto.randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(AgentError.of('AGENT_TIMEOUT'));
      }, options.timeoutMs);
      this.pending.set(id, { until: options.until ?? (() => true), resolve, reject, timer });
      socket.send(JSON.stringify({ ...body, id }));
    });
  }

  /** Opens and authenticates the socket unless it is ready; concurrent callers share one attempt. */
  connect(): Promise<SocketLike> {
    if (this.socket) return Promise.resolve(this.socket);
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  close(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const socket = this.socket;
    if (!socket) return;
    this.dropped(socket, false);
    socket.close(1000, 'idle');
  }

  private async open(): Promise<SocketLike> {
    const credentials = await this.options.credentials();
    if (!credentials) throw AgentError.of('AGENT_NOT_PAIRED');
    const socket = new this.Socket(await this.options.endpoint());
    return new Promise((resolve, reject) => {
      const fail = (error: AgentError): void => {
        clearTimeout(timer);
        socket.onclose = socket.onmessage = null;
        socket.close();
        reject(error);
      };
      const timer = setTimeout(() => fail(AgentError.of('AGENT_UNAVAILABLE')), HANDSHAKE_TIMEOUT_MS);
      socket.onerror = () => undefined; // a close event always follows
      socket.onclose = () => fail(AgentError.of('AGENT_UNAVAILABLE'));
      socket.onmessage = async (event) => {
        const frame = parseAgentFrame(event.data);
        if (frame?.type === 'hello') {
          const mac = await authMac(credentials.secret, frame.challenge);
          socket.send(JSON.stringify({ type: 'auth', clientId: credentials.clientId, mac } satisfies ClientFrame));
        } else if (frame?.type === 'ready') {
          clearTimeout(timer);
          this.adopt(socket);
          resolve(socket);
        } else if (frame?.type === 'error') {
          fail(new AgentError(frame.code, frame.message));
        }
      };
    });
  }

  private adopt(socket: SocketLike): void {
    this.socket = socket;
    this.reconnectAttempt = 0;
    this.idlePings = 0;
    socket.onmessage = (event) => this.receive(parseAgentFrame(event.data));
    socket.onclose = () => this.dropped(socket, true);
    this.pingTimer = setInterval(() => this.ping(), PING_INTERVAL_MS);
    this.options.onReady?.();
  }

  private receive(frame: AgentFrame | undefined): void {
    if (!frame) return;
    if (frame.type === 'job') this.options.onJob?.(frame);
    const id = 'id' in frame ? frame.id : undefined;
    const pending = id === undefined ? undefined : this.pending.get(id);
    if (!id || !pending || !pending.until(frame)) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (frame.type === 'error') pending.reject(new AgentError(frame.code, frame.message, frame.issues));
    else pending.resolve(frame);
  }

  private ping(): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== SOCKET_OPEN) return;
    const busy = this.pending.size > 0 || (this.options.hasWork?.() ?? false);
    this.idlePings = busy ? 0 : this.idlePings + 1;
    if (this.idlePings >= IDLE_PINGS) return this.close();
    socket.send(JSON.stringify({ type: 'ping' } satisfies ClientFrame));
  }

  private dropped(socket: SocketLike, unexpected: boolean): void {
    if (this.socket !== socket) return;
    this.socket = undefined;
    socket.onclose = socket.onmessage = null;
    clearInterval(this.pingTimer);
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(AgentError.of('AGENT_CONNECTION_LOST'));
      this.pending.delete(id);
    }
    if (unexpected) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || !(this.options.hasWork?.() ?? false)) return;
    const delay = BACKOFF_MS[Math.min(this.reconnectAttempt, BACKOFF_MS.length - 1)];
    this.reconnectAttempt += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect().catch(() => this.scheduleReconnect());
    }, delay);
  }
}
