/**
 * One entry point from a validated record to the SEMD XML of its REMD kind
 * (record.document.kind, NSI 1520 code).
 */
import type { ClinicalRecord } from '../../shared/domain/record.ts';
import { ambulatoryEpicrisis42, buildAmbulatoryEpicrisis42 } from './ambulatory-epicrisis-42.ts';
import { buildConsultation119, consultation119 } from './consultation-119.ts';
import { buildInstrumental174, instrumental174 } from './instrumental-174.ts';
import { buildLaboratory186, laboratory186 } from './laboratory-186.ts';
import { buildPrescription148, prescription148 } from './prescription-148.ts';
import { buildReferral185, referral185 } from './referral-185.ts';
import type { CareFacts } from './care-facts.ts';
import type { DocumentIdentity } from './document-identity.ts';
import { SemdError } from './semd-error.ts';

export interface BuiltSemd {
  xml: string;
  /** NSI 1520 code of the kind, as REMD expects it in the registration request. */
  kind: string;
  title: string;
}

interface SemdTemplate {
  title: string;
  build(record: ClinicalRecord, identity: DocumentIdentity, facts: CareFacts): string;
}

const templates: ReadonlyMap<string, SemdTemplate> = new Map([
  [consultation119.kind, { title: consultation119.title, build: buildConsultation119 }],
  [referral185.kind, { title: referral185.title, build: buildReferral185 }],
  [instrumental174.kind, { title: instrumental174.title, build: buildInstrumental174 }],
  [laboratory186.kind, { title: laboratory186.title, build: buildLaboratory186 }],
  [prescription148.kind, { title: prescription148.title, build: buildPrescription148 }],
  [ambulatoryEpicrisis42.kind, { title: ambulatoryEpicrisis42.title, build: buildAmbulatoryEpicrisis42 }],
]);

export const supportedKinds = (): string[] => [...templates.keys()];

/** `facts`: what the template needs beyond the record (see care-facts.ts). */
export function buildSemd(record: ClinicalRecord, identity: DocumentIdentity, facts: CareFacts = {}): BuiltSemd {
  const kind = record.document.kind;
  const template = templates.get(kind);
  if (!template) {
    throw new SemdError(
      'DOCUMENT_KIND_UNSUPPORTED',
      `Вид документа «${kind}» не поддерживается. Поддерживаются: ${supportedKinds().join(', ')}`,
    );
  }
  return { xml: template.build(record, identity, facts), kind, title: template.title };
}

/** ClinicalDocument/templateId of each kind we hold the official schemas for (see schemas/SOURCES.md). */
const templateKinds: ReadonlyMap<string, string> = new Map([
  ['1.2.643.5.1.13.2.7.5.1.5.9.4', '119'],
  ['1.2.643.5.1.13.13.14.7.9.5', '186'],
  ['1.2.643.5.1.13.13.14.6.9.4', '174'],
  ['1.2.643.5.1.13.13.14.57.9.2', '185'],
  ['1.2.643.5.1.13.13.14.86.9.2', '148'],
  ['1.2.643.5.1.13.2.7.5.1.2.3', '42'],
]);

/** The REMD kind of a SEMD from its templateId, for checking a file without being told its kind. */
export function kindOfTemplate(templateId: string): string | undefined {
  return templateKinds.get(templateId);
}
