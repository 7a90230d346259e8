/**
 * One agent per data dir: a second start for the same user's data would
 * fight over the outbox and the token. The lock file holds the owner's pid;
 * a lock left by a dead process is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class InstanceLockedError extends Error {}

export function acquireInstanceLock(dataDir: string): () => void {
  const file = join(dataDir, 'agent.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(file, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new InstanceLockedError(`another agent (pid ${owner}) already runs with the data dir ${dataDir}`);
      }
      rmSync(file, { force: true });
    }
  }
  throw new InstanceLockedError(`could not lock ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
