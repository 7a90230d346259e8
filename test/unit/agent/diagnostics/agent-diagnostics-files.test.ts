/** What doctor reads from the data dir without a running agent: the outbox's states and the NSI downloads. */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { dictionaryFacts, outboxFactsFromFile } from '../../../../agent/diagnostics/agent-diagnostics.ts';
import { SqliteOutboxStore } from '../../../../agent/outbox/sqlite-outbox-store.ts';

const dataDir = () => mkdtempSync(join(tmpdir(), 'egisz-diag-'));

test('the outbox file gives counts by state and the documents not yet registered; no file, nothing', async () => {
  const dir = dataDir();
  expect(outboxFactsFromFile(dir)).toBeUndefined();
  const store = new SqliteOutboxStore(join(dir, 'outbox.sqlite'));
  const doc = (localUid: string) => ({ localUid, clientId: 'c', jobId: `j-${localUid}`, kind: '119', semd: new Uint8Array([1]), signature: new Uint8Array([2]), request: '{}' });
  await store.add(doc('a'));
  await store.add(doc('b'));
  await store.transition('b', 'rejected');
  await store.close();
  const facts = outboxFactsFromFile(dir)!;
  expect(facts.counts).toEqual({ signed: 1, rejected: 1 });
  expect(facts.waiting).toEqual([{ state: 'signed', createdAt: expect.stringMatching(/^\d{4}-/) }]);
});

test('each kept dictionary: its newest download by file time, with the version from the file name', () => {
  const dir = dataDir();
  mkdirSync(join(dir, 'nsi'));
  const put = (name: string, at: string) => {
    writeFileSync(join(dir, 'nsi', name), '{}');
    utimesSync(join(dir, 'nsi', name), new Date(at), new Date(at));
  };
  put('1.2.643.5.1.13.13.11.1520_12.13.json', '2026-11-01T00:00:00Z');
  put('1.2.643.5.1.13.13.11.1520_12.14.json', '2026-11-20T00:00:00Z');
  const [kinds, rules] = dictionaryFacts(dir);
  expect(kinds).toMatchObject({ oid: '1.2.643.5.1.13.13.11.1520', version: '12.14', downloadedAt: '2026-11-20T00:00:00.000Z' });
  expect(rules).toEqual({ oid: '1.2.643.5.1.13.13.99.2.42', name: 'Правила подписи ЭМД (НСИ 99.2.42)' });
});

test('a dictionary FNSI confirmed since its download is dated by that confirmation', () => {
  const dir = dataDir();
  mkdirSync(join(dir, 'nsi'));
  writeFileSync(join(dir, 'nsi', '1.2.643.5.1.13.13.11.1520_12.14.json'), '{}');
  utimesSync(join(dir, 'nsi', '1.2.643.5.1.13.13.11.1520_12.14.json'), new Date('2026-09-01T00:00:00Z'), new Date('2026-09-01T00:00:00Z'));
  writeFileSync(join(dir, 'nsi', '1.2.643.5.1.13.13.11.1520.checked'), '2026-11-25T03:00:00.000Z');
  const [kinds] = dictionaryFacts(dir);
  expect(kinds).toMatchObject({ version: '12.14', downloadedAt: '2026-09-01T00:00:00.000Z', checkedAt: '2026-11-25T03:00:00.000Z' });
});

