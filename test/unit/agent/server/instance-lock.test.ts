import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { acquireInstanceLock, InstanceLockedError } from '../../../../agent/server/instance-lock.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'egisz-lock-'));

test('a second agent on the same data dir is refused while the first runs', () => {
  const where = dir();
  const release = acquireInstanceLock(where);
  writeFileSync(join(where, 'agent.lock'), String(process.ppid)); // a live process other than us
  expect(() => acquireInstanceLock(where)).toThrow(InstanceLockedError);
  release();
  expect(existsSync(join(where, 'agent.lock'))).toBe(false);
  acquireInstanceLock(where)();
});

test('a lock left by a dead process is taken over', () => {
  const where = dir();
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
  writeFileSync(join(where, 'agent.lock'), dead);
  const release = acquireInstanceLock(where);
  release();
});
