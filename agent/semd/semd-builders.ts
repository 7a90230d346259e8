/**
 * One entry point from a validated record to the SEMD XML of its REMD kind
 * (record.document.kind, NSI 1520 code).
 */
import type { ClinicalRecord } from '../../shared/domain/record.ts';
import { buildConsultation119, consultation119 } from './consultation-119.ts';
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
