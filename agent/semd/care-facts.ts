/**
 * Facts of the visit that the official templates require but the domain
 * record (shared/domain/record.ts) does not carry yet: the patient's
 * condition, the kind and place of the visit, the source of payment. The
 * caller (clinic settings, a later record version) supplies them; without
 * them the builders leave the elements out and the Schematron check reports
 * exactly what is missing, instead of the builder inventing medical data.
 *
 * The condition is coded here from NSI 1006 (shipped in data/). Visit kind
 * (NSI 1007), place (NSI 1008) and payment source (NSI 1039) are passed as
 * already coded values: their dictionaries are not in the project's data yet.
 */
import conditions from './data/conditions-1006.json' with { type: 'json' };
import type { ClinicalRecord, DiagnosisRole } from '../../shared/domain/record.ts';
import type { CodedValue } from './coded-value.ts';
import { codedFrom } from './nsi-extract.ts';
import { SemdError } from './semd-error.ts';

export interface CareFacts {
  /** NSI 1.2.643.5.1.13.13.11.1006 code, e.g. "1" Удовлетворительное. */
  patientCondition?: string;
  /** NSI 1.2.643.5.1.13.13.11.1007 (DOCINFO entry 800 «Обращение»). */
  visitKind?: CodedValue;
  /** NSI 1.2.643.5.1.13.13.11.1008 (DOCINFO entry 801 «Место проведения»). */
  visitPlace?: CodedValue;
  /** NSI 1.2.643.5.1.13.13.11.1039, a budget source (codes 8–11): participant IND without a policy. */
  paymentSource?: CodedValue;
  /** NSI 1.2.643.5.1.13.13.11.1035 form of the OMS policy whose number is record.patient.enp. */
  insurancePolicyType?: string;
  /** ОКПО of record.organization (the modular kinds require it in identity:Props). */
  organizationOkpo?: string;
  /** NSI 1.2.643.5.1.13.13.11.1077 kind of each diagnosis role (referral DGN entries). */
  diagnosisKinds?: Partial<Record<DiagnosisRole, CodedValue>>;
  /** Kind 185: where the patient is referred and for what. */
  referral?: ReferralFacts;
  /** Kind 174: the instrumental study performed. */
  study?: StudyFacts;
}

export interface StudyFacts {
  /** NSI 1.2.643.5.1.13.13.11.1471: the study performed (DOCINFO act, 174.sch У3-5). */
  service: CodedValue;
  /** The study protocol: what was done and seen (RESINFO 1805). */
  description: string;
}

export interface ReferralFacts {
  /** The receiving organization: FRMO OID and name. */
  organization: { oid: string; name: string };
  /** The requested service: NSI 1070 coded, or free text when it has no code there. */
  service: CodedValue | string;
  comment?: string;
}

/**
 * The clinic's facts with what this record states itself: its own condition,
 * referral (185) and study (174) win over the clinic's defaults.
 */
export function recordCareFacts(record: ClinicalRecord, defaults: CareFacts = {}): CareFacts {
  const { patientCondition } = record.encounter;
  return {
    ...defaults,
    ...(patientCondition ? { patientCondition } : {}),
    ...(record.referral ? { referral: record.referral } : {}),
    ...(record.study ? { study: record.study } : {}),
  };
}

export function conditionCode(code: string): CodedValue {
  const coded = codedFrom(conditions, code);
  if (!coded) throw new SemdError('DOCUMENT_CODE_UNKNOWN', `Код «${code}» не найден в справочнике «${conditions.name}» (${conditions.oid})`);
  return coded;
}

/** Payment sources that need no policy document (119.sch У1-27: DocInfo nullFlavor for codes 8–11). */
export const budgetPaymentCodes: readonly string[] = ['8', '9', '10', '11'];

const codedKeys = ['visitKind', 'visitPlace', 'paymentSource'] as const;
const codeKeys = ['patientCondition', 'insurancePolicyType', 'organizationOkpo'] as const;
const codedFields = ['code', 'codeSystem', 'codeSystemVersion', 'codeSystemName', 'displayName'] as const;
const knownKeys: readonly string[] = [...codedKeys, ...codeKeys, 'diagnosisKinds', 'referral', 'study'];

/** Why a value is not a complete coded value, or undefined when it is one. */
function codedProblem(value: unknown, key: string): string | undefined {
  const coded = value as Record<string, unknown> | null;
  const missing = codedFields.filter((f) => typeof coded?.[f] !== 'string' || coded[f] === '');
  return missing.length > 0 ? `${key}: не заполнены ${missing.join(', ')}` : undefined;
}

function referralProblem(value: unknown): string | undefined {
  const referral = value as { organization?: { oid?: unknown; name?: unknown }; service?: unknown; comment?: unknown } | null;
  if (typeof referral?.organization?.oid !== 'string' || typeof referral.organization.name !== 'string') {
    return 'referral.organization: нужны oid и name';
  }
  if (typeof referral.service !== 'string') return codedProblem(referral.service, 'referral.service');
  if (referral.comment !== undefined && typeof referral.comment !== 'string') return 'referral.comment: ожидается строка';
  return undefined;
}

function studyProblem(value: unknown): string | undefined {
  const study = value as { service?: unknown; description?: unknown } | null;
  if (typeof study?.description !== 'string' || study.description.trim() === '') return 'study.description: ожидается текст протокола';
  return codedProblem(study.service, 'study.service');
}

/** Care facts from JSON (a clinic settings file, the CLI's --facts), or why they are not usable. */
export function parseCareFacts(value: unknown): CareFacts | { problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'ожидается JSON-объект' };
  const input = value as Record<string, unknown>;
  const unknown = Object.keys(input).filter((k) => !knownKeys.includes(k));
  if (unknown.length > 0) return { problem: `неизвестные поля: ${unknown.join(', ')}` };
  for (const key of codeKeys) {
    if (key in input && typeof input[key] !== 'string') return { problem: `${key}: ожидается код (строка)` };
  }
  const problems = [
    ...codedKeys.filter((key) => key in input).map((key) => codedProblem(input[key], key)),
    ...Object.entries((input.diagnosisKinds ?? {}) as Record<string, unknown>).map(([role, v]) => codedProblem(v, `diagnosisKinds.${role}`)),
    'referral' in input ? referralProblem(input.referral) : undefined,
    'study' in input ? studyProblem(input.study) : undefined,
  ];
  const problem = problems.find((p) => p !== undefined);
  return problem ? { problem } : (input as CareFacts);
}
