/**
 * Every SEMD kind the agent builds, end to end through a running demo agent:
 * POST /admin/v1/submit (validate → build → XSD/Schematron verdict →
 * pre-flight → sign on SoftHSM2 → outbox) → registerDocument → the sandbox
 * fetches the file and checks the CMS, XSD, request against document, FRMR…
 * → signed callback → `registered`, and the sandbox registry lists it.
 * The sandbox is strict, as REMD is: WS-Security, the organization signature
 * and the official Schematron are enforced. A maximal record of each kind,
 * then a minimal one (another patient); a correction of the same visit, for
 * each kind, goes as its next version (same setId, version 2) and registers
 * too; lab protocols and prescriptions are told apart by specimen and drug.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, onTestFailed, test } from 'vitest';
import { demoDoctor, demoToken } from '../../../agent/demo/demo-clinic.ts';
import { createLogger } from '../../../agent/log.ts';
import { setIdOf } from '../../../agent/preflight/semd-version.ts';
import { startSandboxServer, type SandboxServer } from '../../../agent/sandbox/sandbox-server.ts';
import type { ClinicalRecord, DraftRecord } from '../../../shared/domain/record.ts';
import {
  instrumentalFacts, maximalAmbulatoryCase, maximalConsultation, maximalInstrumental, maximalLaboratory, maximalPrescription,
  maximalReferral, minimalAmbulatoryCase, minimalConsultation, minimalInstrumental, minimalLaboratory, minimalPrescription, minimalReferral,
  referralFacts,
} from '../../fixtures/semd/demo-record.ts';
import { freePort, sandboxDatasetFor } from '../../support/agent-processes.ts';
import { admin } from '../../support/outbox-records.ts';
import { startOutboxAgent, type OutboxAgent } from '../../support/outbox-agent.ts';

let agent: OutboxAgent;
let sandbox: SandboxServer;
const sandboxLog: string[] = [];
const dir = mkdtempSync(join(tmpdir(), 'egisz-every-kind-'));

beforeAll(async () => {
  // A sandbox of its own that checks as REMD does (strict): WS-Security, the organization signature and the
  // official Schematron are enforced (the agent's embedded one skips the Schematron).
  const port = await freePort();
  sandbox = await startSandboxServer({
    port: 0, log: createLogger('warn', { write: (line) => sandboxLog.push(line) }),
    datasetFile: sandboxDatasetFor(dir, port), identityDir: join(dir, 'sandbox-remd'), sandbox: { strict: true },
  });
  agent = await startOutboxAgent((config) => {
    config.port = port;
    config.sandbox = false;
    config.remdEndpoint = `${sandbox.url}/sandbox/remd`;
    config.remdCertificate = sandbox.certificateFile;
    // The demo clinic's own care facts: what a kind needs beyond them (referral, study…) is in the records.
  });
});
afterAll(async () => {
  await agent?.stop();
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fixture record as a MIS would submit it: no creation time (the agent stamps it) and its own localUid. */
function submitted(record: ClinicalRecord, localUid = randomUUID()): DraftRecord {
  const { createdAt: _stamped, ...document } = record.document;
  return { ...record, document: { ...document, localUid } };
}

async function untilSettled(localUid: string): Promise<Record<string, unknown>> {
  let doc: Record<string, unknown> = {};
  for (const until = Date.now() + 30_000; Date.now() < until; await sleep(150)) {
    doc = (await admin(agent.access, 'GET', `/outbox/${localUid}`)).body;
    if (doc.state === 'registered' || doc.state === 'rejected' || doc.state === 'cancelled') break;
  }
  return doc;
}

interface RegistryRow { localUid: string; emdrId: string; kind: string; patientSnils: string }

async function sandboxRegistry(): Promise<RegistryRow[]> {
  return (await (await fetch(`${sandbox.url}/sandbox/registry`)).json()) as RegistryRow[];
}

async function submitAndRegister(record: DraftRecord) {
  onTestFailed(() => console.error(`sandbox log (tail):\n${sandboxLog.slice(-20).join('\n')}\nagent log (tail):\n${agent.logLines.slice(-20).join('\n')}`));
  const localUid = record.document!.localUid!;
  const queued = await admin(agent.access, 'POST', '/submit', { record, pin: demoToken.pin });
  expect(queued, JSON.stringify(queued.body)).toMatchObject({ status: 201, body: { localUid, duplicate: false } });
  const doc = await untilSettled(localUid);
  expect(doc, JSON.stringify(doc.errors)).toMatchObject({ state: 'registered', kind: record.document!.kind });
  return doc as { emdrId: string; journal: { to: string }[] };
}

/** A referral names where it sends the patient, a study protocol its study: the MIS form states them. */
const referred = (fixture: () => ClinicalRecord) => (): ClinicalRecord => ({ ...fixture(), referral: structuredClone(referralFacts.referral!) });
const studied = (fixture: () => ClinicalRecord) => (): ClinicalRecord => ({ ...fixture(), study: structuredClone(instrumentalFacts.study!) });

const kinds: [string, () => ClinicalRecord][] = [
  ['119', maximalConsultation],
  ['185', referred(maximalReferral)],
  ['174', studied(maximalInstrumental)],
  ['186', maximalLaboratory],
  ['148', maximalPrescription],
  ['42', maximalAmbulatoryCase],
];

/** The other patient the sandbox's registries know: the minimal records are hers, so they meet none of the above. */
const otherPatient = { snils: '08765432102', lastName: 'Сидорова', firstName: 'Анна', middleName: 'Олеговна', birthDate: '1992-07-30', gender: 'female' } as const;

const minimalKinds: [string, () => ClinicalRecord][] = [
  ['119', minimalConsultation],
  ['185', referred(minimalReferral)],
  ['174', studied(minimalInstrumental)],
  ['186', minimalLaboratory],
  ['148', minimalPrescription],
  ['42', minimalAmbulatoryCase],
];

const sentXml = async (localUid: string) => new TextDecoder().decode((await agent.outbox.get(localUid))!.semd);

/** The identity the signed SEMD carries (what REMD groups versions by). */
async function sentIdentity(localUid: string) {
  const xml = await sentXml(localUid);
  return {
    setId: setIdOf(xml),
    versionNumber: Number(/<versionNumber\b[^>]*\bvalue="(\d+)"/.exec(xml)?.[1]),
  };
}

/** The first version of each kind, by kind: the corrections below follow them. */
const originals = new Map<string, { localUid: string; setId?: string }>();

describe('each kind registers in the sandbox', () => {
  test.each(kinds)('kind %s', async (kind, fixture) => {
    const record = submitted(fixture());
    expect(record.document!.kind).toBe(kind);
    const doc = await submitAndRegister(record);
    expect(doc.journal.map((j) => j.to)).toEqual(['signed', 'submitted', 'registered']);
    expect(doc.emdrId).toMatch(new RegExp(`^77\\.${kind}\\.\\d{2}\\.\\d{2}\\.\\d{6}$`));
    const row = (await sandboxRegistry()).find((r) => r.localUid === record.document!.localUid);
    expect(row).toEqual(expect.objectContaining({ emdrId: doc.emdrId, kind, patientSnils: record.patient!.snils }));
    const identity = await sentIdentity(record.document!.localUid!);
    expect(identity.versionNumber).toBe(1);
    originals.set(kind, { localUid: record.document!.localUid!, setId: identity.setId });
  });
});

test('the referral and the study the records state are what was signed', async () => {
  expect(await sentXml(originals.get('185')!.localUid)).toContain(referralFacts.referral!.organization.oid);
  expect(await sentXml(originals.get('174')!.localUid)).toContain(instrumentalFacts.study!.description);
});

describe('a record of each kind with only what the kind requires registers', () => {
  test.each(minimalKinds)('kind %s', async (kind, fixture) => {
    const record = fixture();
    record.patient = { ...otherPatient, ...(record.patient.address ? { address: record.patient.address } : {}) };
    // The signing certificate names the doctor with her patronymic; pre-flight holds a document that drops it.
    record.practitioner.middleName = demoDoctor.middleName;
    const draft = submitted(record);
    const doc = await submitAndRegister(draft);
    expect(doc.emdrId).toMatch(new RegExp(`^77\\.${kind}\\.`));
    const row = (await sandboxRegistry()).find((r) => r.localUid === draft.document!.localUid);
    expect(row).toEqual(expect.objectContaining({ kind, patientSnils: otherPatient.snils }));
  });
});

describe('a correction of the same visit registers as the next version', () => {
  test.each(kinds)('kind %s', async (kind, fixture) => {
    const original = originals.get(kind);
    expect(original, 'the first version registered above').toBeDefined();
    const corrected = submitted(fixture());
    corrected.encounter!.conclusion = `${corrected.encounter!.conclusion} Уточнение: осмотр повторён, жалоб нет.`;
    await submitAndRegister(corrected);
    const localUid = corrected.document!.localUid!;
    expect(localUid).not.toBe(original!.localUid);
    expect(await sentIdentity(localUid)).toEqual({ setId: original!.setId, versionNumber: 2 });
    const registry = await sandboxRegistry();
    expect(registry.find((r) => r.localUid === localUid)).toEqual(expect.objectContaining({ kind, patientSnils: corrected.patient!.snils }));
    // The first version stays registered: REMD keeps every version.
    expect(registry.some((r) => r.localUid === original!.localUid)).toBe(true);
  });
});

describe('documents that are not visit protocols are told apart by what they are about', () => {
  test('a corrected laboratory result of the same specimen goes as the next version', async () => {
    const record = maximalLaboratory();
    record.laboratory!.results[0]!.value = '138';
    const corrected = submitted(record);
    await submitAndRegister(corrected);
    // Version 2 of this set is the corrected conclusion above.
    expect(await sentIdentity(corrected.document!.localUid!)).toEqual({ setId: originals.get('186')!.setId, versionNumber: 3 });
  });

  test('a second prescription at the same visit, for another drug, is a document of its own', async () => {
    const record = maximalPrescription();
    record.prescription!.drug = { ...record.prescription!.drug, code: '21.20.10.134-000021-1-00061-2000000774451', displayName: 'Ибупрофен, таблетки, 200 мг' };
    const second = submitted(record);
    await submitAndRegister(second);
    const identity = await sentIdentity(second.document!.localUid!);
    expect(identity.versionNumber).toBe(1);
    expect(identity.setId).not.toBe(originals.get('148')!.setId);
  });

  test('a repeat study of another specimen a week earlier, with the same conclusion, registers', async () => {
    const record = maximalLaboratory();
    record.encounter.visitDate = '2026-11-19';
    const lab = record.laboratory!;
    lab.specimen = { ...lab.specimen, id: 'S-000077', collectedAt: '2026-11-19T08:30:00+03:00' };
    lab.results = lab.results.map((r) => ({ ...r, performedAt: r.performedAt.replace('2026-11-26', '2026-11-19') }));
    const repeat = submitted(record);
    await submitAndRegister(repeat);
    expect((await sentIdentity(repeat.document!.localUid!)).versionNumber).toBe(1);
  });
});
