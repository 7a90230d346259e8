import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IemkSyncQueue } from '../../../../agent/preflight/iemk-sync-queue.ts';

const t = (s: number) => new Date(Date.UTC(2026, 10, 26, 10, 0, s));
let dir: string;
let queue: IemkSyncQueue;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'egisz-iemk-queue-'));
  queue = new IemkSyncQueue(join(dir, 'preflight.sqlite'));
});
afterEach(() => {
  queue.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('IemkSyncQueue', () => {
  it('keeps a row per patient until done, and on disk across a reopen', () => {
    queue.enqueue('15642781886', t(0));
    queue.enqueue('15642781886', t(1));
    expect(queue.due(t(1))).toEqual([expect.objectContaining({ patientSnils: '15642781886', state: 'pending', attempts: 0, seq: 2 })]);
    queue.close();
    queue = new IemkSyncQueue(join(dir, 'preflight.sqlite'));
    const [row] = queue.due(t(2));
    queue.done(row!);
    expect(queue.list()).toEqual([]);
  });

  it('wakes a patient later for a settling visit, never later than a sooner due time, and leaves a held row held', () => {
    queue.wakeAt('15642781886', t(30), t(0));
    expect(queue.due(t(29))).toEqual([]);
    expect(queue.due(t(30))).toEqual([expect.objectContaining({ patientSnils: '15642781886', state: 'pending', attempts: 0 })]);
    queue.enqueue('08765432102', t(5));
    queue.wakeAt('08765432102', t(40), t(6));
    expect(queue.get('08765432102')?.dueAt).toBe(t(5).toISOString());
    const [held] = queue.due(t(5)).filter((r) => r.patientSnils === '08765432102');
    queue.hold(held!, 'refused', t(6));
    queue.wakeAt('08765432102', t(7), t(6));
    expect(queue.get('08765432102')?.state).toBe('held');
  });

  it('queues many patients at once', () => {
    queue.enqueueAll(['15642781886', '08765432102'], t(0));
    expect(queue.due(t(0)).map((r) => r.patientSnils).sort()).toEqual(['08765432102', '15642781886']);
  });

  it('does not drop a patient enqueued again while its sync ran', () => {
    queue.enqueue('15642781886', t(0));
    const [taken] = queue.due(t(0));
    queue.enqueue('15642781886', t(1)); // a new registration during the sync
    queue.done(taken!);
    expect(queue.due(t(1))).toHaveLength(1);
  });

  it('retries later without a new trigger cutting the backoff short', () => {
    queue.enqueue('15642781886', t(0));
    queue.retryLater(queue.due(t(0))[0]!, 'ИЭМК: fetch failed', t(30), t(0));
    expect(queue.due(t(10))).toEqual([]);
    queue.enqueue('15642781886', t(10));
    expect(queue.due(t(10))).toEqual([]);
    expect(queue.due(t(30))[0]).toMatchObject({ attempts: 1, lastError: 'ИЭМК: fetch failed' });
  });

  it('holds a refused sync until the next enqueue, which makes it due at once', () => {
    queue.enqueue('15642781886', t(0));
    queue.hold(queue.due(t(0))[0]!, 'Организация не найдена', t(0));
    expect(queue.due(t(3600))).toEqual([]);
    expect(queue.get('15642781886')).toMatchObject({ state: 'held', lastError: 'Организация не найдена' });
    queue.enqueue('15642781886', t(5));
    expect(queue.due(t(5))).toHaveLength(1);
  });

  it('a hold does not park a patient enqueued again meanwhile', () => {
    queue.enqueue('15642781886', t(0));
    const [taken] = queue.due(t(0));
    queue.enqueue('15642781886', t(1));
    queue.hold(taken!, 'отказ', t(1));
    expect(queue.get('15642781886')?.state).toBe('pending');
  });
});
