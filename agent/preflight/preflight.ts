/**
 * Pre-flight: after the document is built and before the PIN, ask what REMD
 * would ask — ФРМР, ФРМО, ФНСИ, ГИП — and our own history (duplicates, the
 * patient's earlier data). Errors block the job; warnings ride along in the
 * `prepared` frame. A registry that is down is a warning; nothing here may
 * fail the job by throwing.
 */
import type { ClinicalRecord } from '../../shared/domain/record.ts';
import { hasErrors, type Issue } from '../../shared/validate/issue.ts';
import type { FrmoClient } from '../egisz/registries/frmo-client.ts';
import type { FrmrClient } from '../egisz/registries/frmr-client.ts';
import type { NsiStore } from '../egisz/registries/nsi-store.ts';
import type { PatientIndexClient } from '../egisz/registries/patient-index-client.ts';
import { revalidating } from '../egisz/registries/registry-cache.ts';
import { SIGNING_RULES_OID } from '../egisz/registries/signing-rules.ts';
import type { PreparedDocument } from '../jobs/document-pipeline.ts';
import type { Logger } from '../log.ts';
import type { OutboxState } from '../outbox/outbox-store.ts';
import { checkDocumentKindOnDate, DOCUMENT_KINDS_OID } from './document-kind-checks.ts';
import { checkSignerPosition } from './signer-position-checks.ts';
import { checkDuplicates, type SentVisit } from './duplicate-checks.ts';
import { checkOrganizationInFrmo } from './organization-checks.ts';
import { checkPatientHistory, checkPatientInIndex } from './patient-checks.ts';
import { checkCertificateOwner, checkPractitionerInFrmr } from './practitioner-checks.ts';
import { preflightIssue } from './preflight-catalogue.ts';
import { rebuildAsVersion, setIdOf } from './semd-version.ts';
import { visitDetails } from './visit-details.ts';
import { conclusionHash, documentSubject, visitFingerprint } from './visit-fingerprint.ts';
import type { VisitHistory } from './visit-history.ts';

export interface PreflightDeps {
  /** This system's clientEntityId: the organization must be bound to it. */
  clientEntityId: string;
  frmr?: FrmrClient;
  frmo?: FrmoClient;
  patientIndex?: PatientIndexClient;
  nsi?: NsiStore;
  history: VisitHistory;
  /** Where a document is now (the outbox or the gateway): only queued or registered ones count as sent. */
  sentState: (localUid: string) => Promise<{ state: OutboxState; emdrId?: string } | undefined>;
  log: Logger;
}

export type PreflightOutcome = { ok: true; document: PreparedDocument } | { ok: false; issues: Issue[] };

const SENT: ReadonlySet<OutboxState> = new Set(['signed', 'submitted', 'registered', 'failed-retryable']);
/** How long a check waits for the first copy of a dictionary FNSI is still sending (an agent just started). */
const FIRST_NSI_WAIT_MS = 10_000;

export class Preflight {
  private readonly deps: PreflightDeps;

  constructor(deps: PreflightDeps) {
    this.deps = deps;
  }

  async check(document: PreparedDocument): Promise<PreflightOutcome> {
    try {
      return await this.run(document);
    } catch (e) {
      // A broken pre-flight must not stop the doctor: REMD still checks everything.
      this.deps.log.error('preflight.failed', { error: (e as Error).message });
      const note = preflightIssue('PREFLIGHT_REGISTRY_UNAVAILABLE', '', { registry: 'Агент', check: 'проверка перед подписью' });
      return { ok: true, document: { ...document, issues: [...document.issues, note] } };
    }
  }

  private async run(document: PreparedDocument): Promise<PreflightOutcome> {
    const { record } = document;
    const [registries, sent] = await Promise.all([this.registryIssues(record), this.sentVisits(record)]);
    const fingerprint = visitFingerprint(record);
    const conclusion = conclusionHash(record);
    const lastVersion = (setId: string) => Math.max(0, ...sent.filter((v) => v.setId === setId).map((v) => v.versionNumber));
    const duplicates = checkDuplicates(fingerprint, conclusion, sent, lastVersion, documentSubject(record));
    const issues = [...checkCertificateOwner(record, document.certificate), ...registries, ...checkPatientHistory(record, sent), ...duplicates.issues];
    this.deps.log.info('preflight.checked', { kind: document.kind, codes: issues.map((i) => i.code) });
    if (hasErrors(issues)) return { ok: false, issues };

    let prepared = document;
    let identity = duplicates.identity;
    if (identity) {
      const xml = await rebuildAsVersion(record, { localUid: document.localUid, ...identity }, document.facts);
      if (xml) prepared = { ...document, xml };
      else {
        // The first version passed the XSD; send that rather than nothing, and say so.
        this.deps.log.error('preflight.version-not-built', { kind: document.kind, versionNumber: identity.versionNumber });
        issues.push(preflightIssue('PREFLIGHT_VERSION_NOT_BUILT', '', { version: identity.versionNumber }));
        identity = undefined;
      }
    }
    this.deps.history.record({
      ...fingerprint, conclusionHash: conclusion, localUid: prepared.localUid,
      setId: identity?.setId ?? setIdOf(prepared.xml) ?? prepared.localUid,
      versionNumber: identity?.versionNumber ?? 1,
      patientLocalId: record.patient.localId, patientLastName: record.patient.lastName, patientFirstName: record.patient.firstName,
      patientMiddleName: record.patient.middleName, patientBirthDate: record.patient.birthDate,
      createdAt: record.document.createdAt, caseId: record.encounter.caseId, details: JSON.stringify(visitDetails(record)),
    });
    return { ok: true, document: { ...prepared, issues: [...prepared.issues, ...issues] } };
  }

  /** A blocking finding from a cached answer is confirmed against the live registries first. */
  private async registryIssues(record: ClinicalRecord): Promise<Issue[]> {
    const issues = await this.askRegistries(record);
    return hasErrors(issues) ? revalidating(() => this.askRegistries(record)) : issues;
  }

  private async askRegistries(record: ClinicalRecord): Promise<Issue[]> {
    const { frmr, frmo, patientIndex, nsi, clientEntityId } = this.deps;
    const checks: Promise<Issue[]>[] = [
      frmr ? checkPractitionerInFrmr(record, frmr) : Promise.resolve([]),
      frmo ? checkOrganizationInFrmo(record, frmo, clientEntityId) : Promise.resolve([]),
      patientIndex ? checkPatientInIndex(record, patientIndex) : Promise.resolve([]),
      (nsi ? nsi.available(DOCUMENT_KINDS_OID, FIRST_NSI_WAIT_MS) : Promise.resolve(undefined)).then((kinds) => checkDocumentKindOnDate(record, kinds)),
      // Without FNSI configured there is no copy to expect: say nothing rather than «not loaded yet».
      nsi ? nsi.available(SIGNING_RULES_OID, FIRST_NSI_WAIT_MS).then((rules) => checkSignerPosition(record, rules)) : Promise.resolve([]),
    ];
    const settled = await Promise.allSettled(checks);
    return settled.flatMap((s) => {
      if (s.status === 'fulfilled') return s.value;
      this.deps.log.warn('preflight.check-failed', { error: (s.reason as Error)?.message });
      return [preflightIssue('PREFLIGHT_REGISTRY_UNAVAILABLE', '', { registry: 'Реестр', check: 'сверка с реестрами' })];
    });
  }

  /** This patient's earlier documents that are queued or registered, newest first. */
  private async sentVisits(record: ClinicalRecord): Promise<SentVisit[]> {
    // The newest 50 only, read as such: a patient with a long history must not cost every document more.
    const rows = this.deps.history.forPatient(record.patient.snils, record.patient.localId, 50);
    const states = await Promise.all(rows.map((row) => this.deps.sentState(row.localUid).catch(() => undefined)));
    return rows.flatMap((row, i) => {
      const state = states[i];
      return state && SENT.has(state.state) ? [{ ...row, ...(state.emdrId ? { emdrId: state.emdrId } : {}) }] : [];
    });
  }
}
