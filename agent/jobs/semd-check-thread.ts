/**
 * The official XSD and Schematron before the PIN (checkSemd) on a thread of
 * their own. They are the largest part of preparing a document; on the event
 * loop they would hold up REMD's callbacks, file fetches and the submissions
 * of other documents, and leave the second core idle. The answer is
 * checkSemd's; a SemdError comes back as a SemdError. Should the thread die,
 * the checks run on the calling thread again. `startSemdCheckThread` runs on
 * the main thread; the bottom half of this file runs inside the worker.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { checkSemd, preloadSemdChecks, type SemdCheck } from '../semd/semd-check.ts';
import { SemdError, type SemdErrorCode } from '../semd/semd-error.ts';

export interface SemdChecker {
  check(xml: string, kind: string): Promise<SemdCheck>;
  close(): Promise<void>;
}

type Reply = { id: number; check: SemdCheck } | { id: number; error: { message: string; code?: SemdErrorCode } };

export function startSemdCheckThread(preload: readonly string[] = []): SemdChecker {
  const worker = new Worker(new URL(import.meta.url), { workerData: { semdChecks: true, preload } });
  // An idle checker must not keep a process alive that has nothing else to do.
  worker.unref();
  const waiting = new Map<number, { resolve: (c: SemdCheck) => void; reject: (e: Error) => void; xml: string; kind: string }>();
  let seq = 0;
  let dead = false;
  const fallBack = () => {
    dead = true;
    for (const [id, w] of waiting) {
      waiting.delete(id);
      checkSemd(w.xml, w.kind).then(w.resolve, w.reject);
    }
  };
  worker.on('message', (reply: Reply) => {
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (!w) return;
    if ('check' in reply) w.resolve(reply.check);
    else w.reject(reply.error.code ? new SemdError(reply.error.code, reply.error.message) : new Error(reply.error.message));
  });
  worker.on('error', fallBack);
  worker.on('exit', fallBack);
  return {
    check: (xml, kind) => {
      if (dead) return checkSemd(xml, kind);
      return new Promise((resolve, reject) => {
        const id = ++seq;
        waiting.set(id, { resolve, reject, xml, kind });
        worker.postMessage({ id, xml, kind });
      });
    },
    close: async () => {
      if (dead) return;
      dead = true;
      await worker.terminate();
    },
  };
}

if (!isMainThread && parentPort && (workerData as { semdChecks?: boolean } | undefined)?.semdChecks) {
  const port = parentPort;
  void preloadSemdChecks((workerData as { preload: string[] }).preload).catch(() => {
    // A kind without schemas fails its own check later, with its own message.
  });
  port.on('message', ({ id, xml, kind }: { id: number; xml: string; kind: string }) => {
    checkSemd(xml, kind).then(
      (check) => port.postMessage({ id, check } satisfies Reply),
      (e: unknown) => port.postMessage({ id, error: { message: (e as Error).message, ...(e instanceof SemdError ? { code: e.code } : {}) } } satisfies Reply),
    );
  });
}
