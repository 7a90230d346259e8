/** The SQLite outbox with sealed bodies, and the retention purge that keeps metadata and journal. */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureOutboxKey } from '../../../../agent/outbox/body-cipher.ts';
import { purgeRegisteredBodies } from '../../../../agent/outbox/outbox-retention.ts';
import { SqliteOutboxStore } from '../../../../agent/outbox/sqlite-outbox-store.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'egisz-outbox-'));
const request = { localUid: 'a', patient: { lastName: 'Петров' }, personalSignatures: [{ signer: { snils: '1' }, signature: { data: 'MIIB' } }], orgSignature: { data: 'MIIC' } };
const doc = (localUid: string) => ({
  localUid, clientId: 'client', jobId: `job-${localUid}`, kind: '119',
  semd: new TextEncoder().encode('<ClinicalDocument>Петров</ClinicalDocument>'), signature: new Uint8Array([48, 1, 2]), request: JSON.stringify({ ...request, localUid }),
});

describe('outbox bodies at rest', () => {
  it('seals SEMD, signature and request in the database and hands them back exactly', () => {
    const d = dir();
    const file = join(d, 'outbox.sqlite');
    const keyFile = ensureOutboxKey(d);
    const store = new SqliteOutboxStore(file, { keyFile, seal: true });
    store.add(doc('a'));
    expect(store.get('a')).toMatchObject({ semd: doc('a').semd, signature: doc('a').signature, request: doc('a').request });
    store.close();
    const raw = new Database(file).prepare('SELECT semd, signature, request FROM document_bodies').get() as { semd: Buffer; request: string };
    expect(raw.semd.includes(Buffer.from('Петров'))).toBe(false);
    expect(raw.request).not.toContain('Петров');
    expect(() => new SqliteOutboxStore(file).get('a')).toThrow(/outbox\.key/);
    const reopened = new SqliteOutboxStore(file, { keyFile, seal: true });
    const errors = JSON.stringify([{ code: 'PATIENT_MPI_MISMATCH', message: 'Фамилия пациента [Петров] не совпадает' }]);
    reopened.transition('a', 'rejected', { errors });
    expect(reopened.get('a')?.errors).toBe(errors);
    expect(reopened.status('a')?.errors).toBe(errors);
    reopened.close();
    const row = new Database(file).prepare('SELECT errors FROM documents').get() as { errors: string };
    expect(row.errors).not.toContain('Петров');
    expect(new SqliteOutboxStore(file, { keyFile }).get('a')?.request).toBe(doc('a').request); // switched off: still readable
  });

  it('drops the bodies of documents registered longer ago than the retention, keeping row, metadata and journal', async () => {
    const store = new SqliteOutboxStore(join(dir(), 'outbox.sqlite'));
    for (const id of ['old', 'waiting']) store.add(doc(id));
    store.transition('old', 'registered', { emdrId: '77.119.26.11.000001' });
    expect(await purgeRegisteredBodies(store, 30)).toBe(0); // registered just now
    expect(await purgeRegisteredBodies(store, 30, Date.now() + 31 * 86_400_000)).toBe(1);
    const old = store.get('old')!;
    expect(old).toMatchObject({ state: 'registered', emdrId: '77.119.26.11.000001' });
    expect(old.semd).toHaveLength(0);
    expect(old.signature).toHaveLength(0);
    const meta = JSON.parse(old.request) as typeof request;
    expect(meta.personalSignatures[0]!.signature.data).toBe('');
    expect(meta.orgSignature).toBeUndefined();
    expect(meta.patient.lastName).toBe('Петров');
    expect(store.journal('old').at(-1)).toMatchObject({ from: 'registered', to: 'registered', detail: expect.stringContaining('retention') });
    expect(store.get('waiting')!.semd.length).toBeGreaterThan(0);
    expect(await purgeRegisteredBodies(store, 30, Date.now() + 31 * 86_400_000)).toBe(0); // once only
  });

  it('a purge on a sealed outbox keeps the remaining metadata sealed', async () => {
    const d = dir();
    const file = join(d, 'outbox.sqlite');
    const store = new SqliteOutboxStore(file, { keyFile: ensureOutboxKey(d), seal: true });
    store.add(doc('a'));
    store.transition('a', 'registered', { emdrId: '77.119.26.11.000002' });
    expect(store.purgeBodies(Date.now() + 1)).toBe(1);
    expect(JSON.parse(store.get('a')!.request).patient.lastName).toBe('Петров');
    store.close();
    const raw = new Database(file).prepare('SELECT request FROM document_bodies').get() as { request: string };
    expect(raw.request).not.toContain('Петров');
  });
});
