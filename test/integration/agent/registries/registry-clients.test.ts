/**
 * The registry clients against the sandbox's registries over real HTTP, the
 * NSI store's download and verification, and what pre-flight does when a
 * registry does not answer (a warning, never a block).
 */
import express from 'express';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FnsiClient } from '../../../../agent/egisz/registries/fnsi-client.ts';
import { FrmoClient, inForceOn } from '../../../../agent/egisz/registries/frmo-client.ts';
import { FrmrClient } from '../../../../agent/egisz/registries/frmr-client.ts';
import { checkedFile, NsiStore, NsiVerificationError } from '../../../../agent/egisz/registries/nsi-store.ts';
import { PatientIndexClient } from '../../../../agent/egisz/registries/patient-index-client.ts';
import { RegistryCache } from '../../../../agent/egisz/registries/registry-cache.ts';
import { silentLogger } from '../../../../agent/log.ts';
import { startPreflight } from '../../../../agent/preflight/preflight-setup.ts';
import { loadFederalDataset } from '../../../../agent/sandbox/federal-dataset.ts';
import { createSandbox } from '../../../../agent/sandbox/sandbox.ts';
import { buildSemd } from '../../../../agent/semd/semd-builders.ts';
import { demoConsultation } from '../../../fixtures/semd/demo-record.ts';

let server: Server;
let base: string;
const dataset = loadFederalDataset();
const dirs: string[] = [];
const tempDir = () => { const d = mkdtempSync(join(tmpdir(), 'egisz-registries-')); dirs.push(d); return d; };

beforeAll(async () => {
  const app = express();
  app.use('/sandbox', createSandbox({ dataset }).router);
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

describe('FRMR, FRMO and the patient index over HTTP', () => {
  it('finds the demo doctor and the workplace cards; an unknown SNILS is "not found"', async () => {
    const frmr = new FrmrClient({ baseUrl: `${base}/frmr`, cache: new RegistryCache() });
    expect((await frmr.person('11223344595')).value).toMatchObject({ lastName: 'Иванова', patronymic: 'Петровна', birthDate: '1979-03-21' });
    const cards = (await frmr.cards('11223344595', 'Иванова')).value!;
    expect(cards.map((c) => c.organization)).toContain('1.2.643.5.1.13.13.12.2.77.7701');
    expect((await frmr.person('20030040048')).value).toBeUndefined();
  });

  it('answers an organization with departments, dates and RMIS bindings', async () => {
    const frmo = new FrmoClient({ baseUrl: `${base}/frmo`, cache: new RegistryCache() });
    const closed = (await frmo.organization('1.2.643.5.1.13.13.12.2.77.7703')).value!;
    expect(closed.deleteDate).toBe('2021-01-01');
    expect(inForceOn(closed, '2020-12-31')).toBe(true);
    expect(inForceOn(closed, '2021-01-01')).toBe(false);
    expect((await frmo.organization('1.2.643.5.1.13.13.12.2.77.7704')).value!.rmisBindings).not.toContain('6f1c1f8e-3b1a-4c55-9d3e-5a7d2b9c0e11');
    expect((await frmo.organization('1.2.643.5.1.13.13.12.2.77.9999')).value).toBeUndefined();
  });

  it('finds a patient in ГИП by SNILS', async () => {
    const index = new PatientIndexClient({ baseUrl: `${base}/patient-index`, cache: new RegistryCache() });
    expect((await index.patient('08765432102')).value).toMatchObject({ lastName: 'Сидорова', birthDate: '1992-07-30' });
  });
});

describe('FNSI and the NSI store', () => {
  it('downloads NSI 1520, verifies it against the passport and keeps it on disk; a second update downloads nothing', async () => {
    const store = new NsiStore(tempDir(), new FnsiClient({ baseUrl: `${base}/nsi`, userKey: 'k' }));
    expect(await store.update('1.2.643.5.1.13.13.11.1520')).toEqual({ version: '12.14', downloaded: true });
    const copy = store.latest('1.2.643.5.1.13.13.11.1520')!;
    expect(copy.rows.length).toBe(copy.passport.rowsCount);
    expect(copy.rows.find((r) => r.OID === '119')).toMatchObject({ START_DATE: expect.stringMatching(/^\d{2}\.\d{2}\.\d{4}$/) });
    expect(await store.update('1.2.643.5.1.13.13.11.1520')).toEqual({ version: '12.14', downloaded: false });
  });

  it('a check before the first copy waits for its download (one download, shared); after a failed one it answers at once', async () => {
    const store = new NsiStore(tempDir(), new FnsiClient({ baseUrl: `${base}/nsi`, userKey: 'k' }));
    const [a, b] = await Promise.all([store.available('1.2.643.5.1.13.13.11.1520', 10_000), store.available('1.2.643.5.1.13.13.11.1520', 10_000)]);
    expect(a?.passport.version).toBe('12.14');
    expect(b?.rows.length).toBe(a?.rows.length);

    const dead = new NsiStore(tempDir(), new FnsiClient({ baseUrl: 'http://127.0.0.1:9/nsi', userKey: 'k' }));
    expect(await dead.available('1.2.643.5.1.13.13.11.1520', 10_000)).toBeUndefined();
    const started = Date.now();
    expect(await dead.available('1.2.643.5.1.13.13.11.1520', 10_000)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1_000); // no second attempt per check
  });

  it('remembers when FNSI last confirmed the stored version, also when nothing new was downloaded', async () => {
    const dir = tempDir();
    let now = new Date('2026-11-01T00:00:00Z');
    const store = new NsiStore(dir, new FnsiClient({ baseUrl: `${base}/nsi`, userKey: 'k' }), () => now);
    await store.update('1.2.643.5.1.13.13.11.1520');
    expect(readFileSync(checkedFile(dir, '1.2.643.5.1.13.13.11.1520'), 'utf8')).toBe('2026-11-01T00:00:00.000Z');
    now = new Date('2026-11-20T00:00:00Z');
    expect((await store.update('1.2.643.5.1.13.13.11.1520')).downloaded).toBe(false);
    expect(readFileSync(checkedFile(dir, '1.2.643.5.1.13.13.11.1520'), 'utf8')).toBe('2026-11-20T00:00:00.000Z');
  });

  it('refuses a download whose row count differs from the passport and keeps nothing', async () => {
    const app = express();
    app.get('/port/rest/versions', (_q, res) => void res.json({ list: [{ version: '1.0' }] }));
    app.get('/port/rest/passport', (_q, res) => void res.json({ oid: '1.2.3', version: '1.0', rowsCount: 3, keys: [{ field: 'ID', type: 'PRIMARY' }] }));
    app.get('/port/rest/data', (_q, res) => void res.json({ result: 'OK', total: 2, list: [[{ column: 'ID', value: '1' }], [{ column: 'ID', value: '2' }]] }));
    const broken = createServer(app);
    await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
    try {
      const store = new NsiStore(tempDir(), new FnsiClient({ baseUrl: `http://127.0.0.1:${(broken.address() as AddressInfo).port}` }));
      await expect(store.update('1.2.3')).rejects.toBeInstanceOf(NsiVerificationError);
      expect(store.latest('1.2.3')).toBeUndefined();
    } finally {
      await new Promise((done) => broken.close(done));
    }
  });
});

describe('pre-flight when the registries do not answer', () => {
  it('warns and lets the document through', async () => {
    const dead = 'http://127.0.0.1:9/none';
    const checks = startPreflight({
      dataDir: tempDir(), clientEntityId: '6f1c1f8e-3b1a-4c55-9d3e-5a7d2b9c0e11', log: silentLogger,
      registries: { frmr: { url: dead }, frmo: { url: dead }, patientIndex: { url: dead } },
      sink: { accept: async () => { throw new Error('unused'); }, status: async () => undefined },
    });
    try {
      const record = demoConsultation();
      record.document.localUid = '7d0f6c1e-4b8e-4f43-9a55-0b8e1f6b2a10';
      const semd = buildSemd(record, { localUid: record.document.localUid!, setId: 'set', versionNumber: 1 });
      const outcome = await checks.preflight.check({
        record, localUid: record.document.localUid!, xml: semd.xml, kind: '119', issues: [],
        certificate: { owner: 'Иванова Мария Петровна', snils: '11223344595', issuer: 'CA', notBefore: '', notAfter: '', fingerprint: 'f', warnings: [] },
      });
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      const codes = outcome.document.issues.map((i) => `${i.code}:${i.severity}`);
      expect(codes).toEqual(['PREFLIGHT_REGISTRY_UNAVAILABLE:warning', 'PREFLIGHT_REGISTRY_UNAVAILABLE:warning', 'PREFLIGHT_REGISTRY_UNAVAILABLE:warning']);
    } finally {
      checks.close();
    }
  });
});

describe('pre-flight after HR fixes FRMR', () => {
  it('confirms a cached "not found" against the live registry before blocking the doctor again', async () => {
    const checks = startPreflight({
      dataDir: tempDir(), clientEntityId: '6f1c1f8e-3b1a-4c55-9d3e-5a7d2b9c0e11', log: silentLogger,
      registries: { frmr: { url: `${base}/frmr` } },
      sink: { accept: async () => { throw new Error('unused'); }, status: async () => undefined },
    });
    const newcomer = { snils: '21032043072', lastName: 'Орлова', firstName: 'Ольга', middleName: 'Игоревна' };
    const check = async () => {
      const record = demoConsultation();
      record.document.localUid = crypto.randomUUID();
      record.practitioner = { ...record.practitioner, ...newcomer };
      const outcome = await checks.preflight.check({
        record, localUid: record.document.localUid, xml: '<ClinicalDocument/>', kind: '119', issues: [],
        certificate: { owner: 'Орлова Ольга Игоревна', snils: newcomer.snils, issuer: 'CA', notBefore: '', notAfter: '', fingerprint: 'f', warnings: [] },
      });
      return outcome.ok ? outcome.document.issues.map((i) => i.code) : outcome.issues.map((i) => i.code);
    };
    try {
      expect(await check()).toEqual(['PREFLIGHT_PERSON_NOT_FOUND']);
      dataset.staff.push({ ...newcomer, cards: [{ organization: '1.2.643.5.1.13.13.12.2.77.7701', positionCode: '109', beginDate: '2020-01-01', endDate: null }] });
      expect(await check()).toEqual([]);
    } finally {
      checks.close();
    }
  });
});
