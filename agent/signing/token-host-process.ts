/**
 * Parent side of the token host: forks token-host.ts on demand, sends one
 * request at a time, enforces a timeout per call and replaces a child that
 * died or hung. The next call after a failure starts a fresh child.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TokenError, moduleFailed, tokenErrorFromData, tokenTimeout } from './token-error.ts';
import type { HostEnvelope, HostReply, HostRequest, HostResults } from './token-host-messages.ts';

const HOST_ENTRY = fileURLToPath(new URL('./token-host.ts', import.meta.url));

/** Default per-call timeout in milliseconds; a real token behind a PIN pad can be slow. */
export const DEFAULT_TOKEN_TIMEOUT_MS = 30_000;

/**
 * Node flags the child needs to run TypeScript like its parent (Node < 22.18
 * strips types only with a flag). Other flags (test runners', inspectors') stay out.
 */
function hostExecArgv(): string[] {
  return process.execArgv.filter((a) => /^--(experimental-strip-types|experimental-transform-types|no-warnings|disable-warning)/.test(a));
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: TokenError) => void;
  timer: NodeJS.Timeout;
  /** The child the request went to: only its death fails the request. */
  child: ChildProcess;
}

export class TokenHostProcess {
  readonly #modulePath: string;
  readonly #env: Record<string, string>;
  readonly #timeoutMs: number;
  #child: ChildProcess | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  #queue: Promise<unknown> = Promise.resolve();

  constructor(modulePath: string, env: Record<string, string> = {}, timeoutMs = DEFAULT_TOKEN_TIMEOUT_MS) {
    this.#modulePath = modulePath;
    this.#env = env;
    this.#timeoutMs = timeoutMs;
  }

  /** PID of the current child, if one is running (for diagnostics and tests). */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Runs one request after the ones already queued. */
  request<K extends HostRequest['op']>(request: Extract<HostRequest, { op: K }>, timeoutMs = this.#timeoutMs): Promise<HostResults[K]> {
    const run = () => this.#send(request, timeoutMs) as Promise<HostResults[K]>;
    const result = this.#queue.then(run, run);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      await this.request({ op: 'shutdown' }, 2_000);
    } catch {
      // A child that cannot answer is killed below.
    }
    if (this.#child === child) this.#kill(child);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
  }

  #send(request: HostRequest, timeoutMs: number): Promise<unknown> {
    const child = this.#ensureChild();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        // A hung module call cannot be interrupted; drop the whole child.
        this.#kill(child);
        reject(tokenTimeout(Math.round(timeoutMs / 1000)));
      }, timeoutMs);
      this.#pending.set(id, { resolve, reject, timer, child });
      const envelope: HostEnvelope = { id, request };
      child.send(envelope, (err) => {
        if (err) this.#settle(id, moduleFailed(`IPC: ${err.message}`));
      });
    });
  }

  #ensureChild(): ChildProcess {
    if (this.#child) return this.#child;
    const child = fork(HOST_ENTRY, [this.#modulePath], {
      env: { ...process.env, ...this.#env },
      execArgv: hostExecArgv(),
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (reply: HostReply) => {
      if (reply.ok) this.#settle(reply.id, undefined, reply.result);
      else this.#settle(reply.id, tokenErrorFromData(reply.error));
    });
    child.on('exit', (code, signal) => {
      if (this.#child === child) this.#child = undefined;
      const why = signal ? `сигнал ${signal}` : `код выхода ${code}`;
      for (const [id, pending] of [...this.#pending]) {
        if (pending.child === child) this.#settle(id, moduleFailed(`процесс токена завершился: ${why}`));
      }
    });
    child.on('error', () => {
      // 'exit' follows and fails the pending calls; nothing else to do here.
    });
    this.#child = child;
    return child;
  }

  #settle(id: number, error?: TokenError, result?: unknown): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve(result);
  }

  #kill(child: ChildProcess): void {
    if (this.#child === child) this.#child = undefined;
    child.kill('SIGKILL');
  }
}
