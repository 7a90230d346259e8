/**
 * Each seed-article scenario twice: through pre-flight (against the sandbox's
 * FRMR, FRMO and ГИП over HTTP) and forced past it straight to the sandbox's
 * REMD with a real SoftHSM2 signature. The pre-flight finding names the NSI
 * 305 code that REMD then answers.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDoctor } from '../../../../agent/demo/demo-clinic.ts';
import { silentLogger } from '../../../../agent/log.ts';
import { Preflight } from '../../../../agent/preflight/preflight.ts';
import { sandboxRegistries, startPreflight } from '../../../../agent/preflight/preflight-setup.ts';
import { FnsiClient } from '../../../../agent/egisz/registries/fnsi-client.ts';
import { NsiStore } from '../../../../agent/egisz/registries/nsi-store.ts';
import { SIGNING_RULES_OID } from '../../../../agent/egisz/registries/signing-rules.ts';
import { loadFederalDataset } from '../../../../agent/sandbox/federal-dataset.ts';
import { checkSigningCertificate } from '../../../../agent/signing/certificate-checks.ts';
import { summarizeCertificate } from '../../../../agent/signing/certificate.ts';
import { buildSemd } from '../../../../agent/semd/semd-builders.ts';
import { buildRegisterRequest } from '../../../../agent/jobs/register-request.ts';
import type { ClinicalRecord } from '../../../../shared/domain/record.ts';
import type { Issue } from '../../../../shared/validate/issue.ts';
import { demoConsultation } from '../../../fixtures/semd/demo-record.ts';
import { createTokenFixture, type TokenFixture } from '../../../support/token-fixture.ts';
import { startRemdHarness, type RemdHarness } from '../../remd/remd-harness.ts';
import { recentMoment } from '../../remd/signed-document.ts';

let remd: RemdHarness;
let dataDir: string;
/** Shared by the sandbox's REMD and its registries (FRMR, FNSI), so a test can change what both know. */
const dataset = loadFederalDataset();
/** The dataset's nurse (NSI 1002: 159) at the demo clinic: «Правила подписи ЭМД» do not let her sign 119 as DOCTOR. */
const nurse = { ...demoDoctor, snils: '30040070072', lastName: 'Орлова', firstName: 'Ольга', middleName: 'Ивановна', birthDate: '1990-04-02', positionCode: '159', localId: 'nurse-7' };
let checks: ReturnType<typeof startPreflight>;
const sent = new Map<string, { state: 'registered'; emdrId?: string }>();

beforeAll(async () => {
  remd = await startRemdHarness({ dataset });
  dataDir = mkdtempSync(join(tmpdir(), 'egisz-preflight-'));
  checks = startPreflight({
    dataDir, clientEntityId: '6f1c1f8e-3b1a-4c55-9d3e-5a7d2b9c0e11', registries: sandboxRegistries(`${remd.url}/sandbox`), log: silentLogger,
    sink: { accept: async () => { throw new Error('not here'); }, status: async (localUid) => sent.get(localUid) },
  });
});

afterAll(async () => {
  checks?.close();
  await remd?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const newcomer = { ...demoDoctor, snils: '20030040048', lastName: 'Соколова', firstName: 'Елена', middleName: 'Андреевна' };
const unbound = { oid: '1.2.643.5.1.13.13.12.2.77.7704', name: 'ООО «Клиника на Садовой»', ogrn: '1157746000015', departmentOid: '1.2.643.5.1.13.13.12.2.77.7704.0.400001' };

function record(change: (r: ClinicalRecord) => void = () => {}): ClinicalRecord {
  const r = demoConsultation();
  r.document = { ...r.document, localUid: randomUUID(), createdAt: recentMoment() };
  change(r);
  return r;
}

/** What the agent would say before the PIN: the certificate checks, then pre-flight. */
async function beforeThePin(token: TokenFixture, r: ClinicalRecord, preflight: Preflight = checks.preflight): Promise<Issue[]> {
  const certificateIssues = checkSigningCertificate(token.certificate, { now: new Date(), documentDate: new Date(r.document.createdAt), practitionerSnils: r.practitioner.snils });
  if (certificateIssues.some((i) => i.severity === 'error')) return certificateIssues;
  const semd = buildSemd(r, { localUid: r.document.localUid!, setId: r.document.localUid!, versionNumber: 1 });
  const outcome = await preflight.check({
    record: r, localUid: r.document.localUid!, xml: semd.xml, kind: semd.kind,
    certificate: { ...summarizeCertificate(token.certificate), warnings: [] }, issues: [],
  });
  return outcome.ok ? outcome.document.issues : outcome.issues;
}

/** Forced through: signed and registered at the sandbox as is; the codes REMD answers. */
async function forceThrough(token: TokenFixture, r: ClinicalRecord): Promise<{ codes: string[]; emdrId?: string }> {
  const file = new TextEncoder().encode(buildSemd(r, { localUid: r.document.localUid!, setId: r.document.localUid!, versionNumber: 1 }).xml);
  const cms = await token.client.signDetached({ content: file, certificateFingerprint: token.certificate.fingerprint, pin: token.pin });
  remd.files.set(r.document.localUid!, file);
  const answer = await remd.client().registerDocument(buildRegisterRequest(r, cms));
  if (answer.status === 'rejected') return { codes: answer.errors.map((e) => e.code) };
  const result = await remd.result(answer.messageId);
  return { codes: (result.errors ?? []).map((e) => e.code), emdrId: result.registryItem?.emdrId };
}

const errorCodes = (issues: Issue[]) => issues.filter((i) => i.severity === 'error').map((i) => i.remdCode);

describe('caught before the PIN, and rejected by REMD when forced through', () => {
  let demoToken: TokenFixture;
  beforeAll(async () => { demoToken = await createTokenFixture(); });
  afterAll(async () => { await demoToken?.cleanup(); });

  it('a wrong SNILS (another patient\'s) → PATIENT_MPI_MISMATCH', async () => {
    const r = record((x) => { x.patient.snils = '08765432102'; });
    expect(errorCodes(await beforeThePin(demoToken, r))).toEqual(['PATIENT_MPI_MISMATCH']);
    expect((await forceThrough(demoToken, r)).codes).toContain('PATIENT_MPI_MISMATCH');
  });

  it('a doctor recorded otherwise in FRMR → VALUE_MISMATCH_METADATA_AND_FRMR', async () => {
    const r = record((x) => { x.practitioner.lastName = 'Петрова'; });
    const before = errorCodes(await beforeThePin(demoToken, r));
    expect(before).toContain('VALUE_MISMATCH_METADATA_AND_FRMR');
    expect((await forceThrough(demoToken, r)).codes).toContain('VALUE_MISMATCH_METADATA_AND_FRMR');
  });

  it('an organization not bound to the MIS → REMD\'s «не привязана к РМИС» (VALIDATION_ERROR)', async () => {
    const token = await createTokenFixture({ organization: { ...unbound } });
    try {
      const r = record((x) => { x.organization = { ...x.organization, ...unbound }; });
      const issues = await beforeThePin(token, r);
      expect(issues.find((i) => i.code === 'PREFLIGHT_ORG_NOT_BOUND')).toMatchObject({ severity: 'error', remdCode: 'VALIDATION_ERROR' });
      expect((await forceThrough(token, r)).codes).toContain('VALIDATION_ERROR');
    } finally {
      await token.cleanup();
    }
  });

  it('the same visit again under another date: only pre-flight sees it — REMD registers both', async () => {
    const first = record();
    expect(errorCodes(await beforeThePin(demoToken, first))).toEqual([]);
    const registered = await forceThrough(demoToken, first);
    sent.set(first.document.localUid!, { state: 'registered', emdrId: registered.emdrId });
    const again = record((x) => { x.encounter.visitDate = '2026-11-20'; });
    const issues = await beforeThePin(demoToken, again);
    expect(issues.find((i) => i.code === 'PREFLIGHT_VISIT_OTHER_DATE')?.message).toContain(registered.emdrId!);
    const second = await forceThrough(demoToken, again);
    expect(second.codes).toEqual([]);
    expect(second.emdrId).not.toBe(registered.emdrId);
  });
});

describe('the same visit sent again with other patient data', () => {
  it('→ PATIENT_MPI_MISMATCH once ГИП has learnt the patient from the first registration', async () => {
    const token = await createTokenFixture();
    try {
      const newPatient = (x: ClinicalRecord) => {
        x.patient = { snils: '30040050066', lastName: 'Кузнецов', firstName: 'Олег', middleName: 'Павлович', birthDate: '1975-02-11', gender: 'male' };
      };
      const first = record(newPatient);
      expect(errorCodes(await beforeThePin(token, first))).toEqual([]);
      const registered = await forceThrough(token, first);
      expect(registered.codes).toEqual([]);
      sent.set(first.document.localUid!, { state: 'registered', emdrId: registered.emdrId });

      const again = record((x) => { newPatient(x); x.patient.birthDate = '1975-11-02'; });
      const issues = await beforeThePin(token, again);
      expect(issues.map((i) => i.code)).toContain('PREFLIGHT_PATIENT_HISTORY_MISMATCH');
      expect(new Set(errorCodes(issues))).toEqual(new Set(['PATIENT_MPI_MISMATCH']));
      expect((await forceThrough(token, again)).codes).toContain('PATIENT_MPI_MISMATCH');
    } finally {
      await token.cleanup();
    }
  });
});

describe('a doctor missing from FRMR', () => {
  it('→ PERSON_NOT_FOUND', async () => {
    const token = await createTokenFixture({ holder: newcomer });
    try {
      const r = record((x) => { x.practitioner = { ...newcomer }; });
      expect(errorCodes(await beforeThePin(token, r))).toEqual(['PERSON_NOT_FOUND']);
      expect((await forceThrough(token, r)).codes).toContain('PERSON_NOT_FOUND');
    } finally {
      await token.cleanup();
    }
  });
});

describe('certificates', () => {
  it('an expired one → PERSONAL_SIG_CERT_NOT_ACTUAL_ON_CHECK_DT', async () => {
    const hour = 3_600_000;
    const token = await createTokenFixture({ validFrom: new Date(Date.now() - 3 * hour), validTo: new Date(Date.now() - 1.5 * hour) });
    try {
      const r = record();
      expect(errorCodes(await beforeThePin(token, r))).toContain('PERSONAL_SIG_CERT_NOT_ACTUAL_ON_CHECK_DT');
      expect((await forceThrough(token, r)).codes).toContain('PERSONAL_SIG_CERT_NOT_ACTUAL_ON_CHECK_DT');
    } finally {
      await token.cleanup();
    }
  });

  it('one issued to the organization only → a certificate mismatch REMD reports too', async () => {
    const token = await createTokenFixture({ personal: false });
    try {
      const r = record();
      const before = errorCodes(await beforeThePin(token, r));
      expect(before).toEqual(['VALUE_MISMATCH_METADATA_AND_CERTIFICATE']);
      const codes = (await forceThrough(token, r)).codes;
      expect(codes.some((c) => ['VALUE_MISMATCH_METADATA_AND_CERTIFICATE', 'PERSON_NOT_FOUND'].includes(c))).toBe(true);
    } finally {
      await token.cleanup();
    }
  });
});

describe('«Правила подписи ЭМД» (NSI 99.2.42, downloaded from the sandbox FNSI)', () => {
  let demoTokenForRules: TokenFixture;
  beforeAll(async () => { demoTokenForRules = await createTokenFixture(); });
  afterAll(async () => { await demoTokenForRules?.cleanup(); });
  const nsiStore = () => new NsiStore(join(dataDir, 'nsi'), new FnsiClient({ baseUrl: `${remd.url}/sandbox/nsi`, userKey: 'k' }));
  beforeAll(async () => {
    // The agent downloads the dictionary a second after start; wait for its copy.
    for (let i = 0; i < 100 && !nsiStore().latest(SIGNING_RULES_OID); i++) await new Promise((r) => setTimeout(r, 50));
  });

  it('the agent keeps the dictionary, verified against its passport', () => {
    const copy = nsiStore().latest(SIGNING_RULES_OID)!;
    expect(copy.passport.version).toBe(dataset.signingRules!.version);
    expect(copy.rows.length).toBe(copy.passport.rowsCount);
  });

  it('a nurse signing a consultation as DOCTOR → POSITION_TO_ROLE_MISMATCH', async () => {
    const token = await createTokenFixture({ holder: nurse });
    try {
      const r = record((x) => { x.practitioner = { ...nurse }; });
      const issues = await beforeThePin(token, r);
      expect(errorCodes(issues)).toEqual(['POSITION_TO_ROLE_MISMATCH']);
      expect(issues.find((i) => i.severity === 'error')).toMatchObject({ code: 'PREFLIGHT_POSITION_MAY_NOT_SIGN', path: 'practitioner.positionCode' });
      expect((await forceThrough(token, r)).codes).toEqual(['POSITION_TO_ROLE_MISMATCH']);
    } finally {
      await token.cleanup();
    }
  });

  it('a role whose rule has ended → NO_ROLE_POLICY_ON_DATE, once the new version is downloaded', async () => {
    const [rule] = dataset.signingRules!.rules;
    const before = { version: dataset.signingRules!.version, to: rule!.to };
    try {
      Object.assign(rule!, { to: new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10) });
      dataset.signingRules!.version = '99.1';
      expect(await nsiStore().update(SIGNING_RULES_OID)).toEqual({ version: '99.1', downloaded: true });
      const r = record();
      expect(errorCodes(await beforeThePin(demoTokenForRules, r))).toEqual(['NO_ROLE_POLICY_ON_DATE']);
      expect((await forceThrough(demoTokenForRules, r)).codes).toEqual(['NO_ROLE_POLICY_ON_DATE']);
    } finally {
      Object.assign(rule!, { to: before.to });
      dataset.signingRules!.version = '99.2';
      await nsiStore().update(SIGNING_RULES_OID);
    }
  });

});
