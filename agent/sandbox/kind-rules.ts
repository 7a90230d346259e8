/**
 * What the kind of a document demands (NSI 1520 via shared/dictionaries, and
 * data/remd-kind-rules.json): the kind exists and is valid on the creation
 * date, the patient's SNILS where the kind requires it, known signer roles,
 * positions and specialities, and whether the organization must sign.
 */
import { readFileSync } from 'node:fs';
import { findDocumentKind, isDocumentKindValidOn, requiresPatientSnils } from '../../shared/dictionaries/document-kinds.ts';
import { findPosition } from '../../shared/dictionaries/positions.ts';
import { findSpecialty } from '../../shared/dictionaries/specialties.ts';
import { remdError } from '../egisz/remd/remd-error-catalogue.ts';
import type { RemdErrorItem } from '../egisz/remd/remd-error-items.ts';
import type { RegisterDocumentRequest } from '../egisz/remd/register-document.ts';

interface KindRulesData {
  orgSignatureRequired: string[];
  orgSignatureNotRequired: string[];
  signerRoles: string[];
}

const data = JSON.parse(readFileSync(new URL('./data/remd-kind-rules.json', import.meta.url), 'utf8')) as KindRulesData;
const roles = new Set(data.signerRoles);

const notFound = (what: string, code: string, oid: string) => remdError('OBJECT_NOT_FOUND', `${what} [${code}], справочник [${oid}]`);

export function checkKindRules(request: RegisterDocumentRequest): RemdErrorItem[] {
  const errors: RemdErrorItem[] = [];
  const kind = request.kind ? findDocumentKind(request.kind) : undefined;
  if (request.kind && !kind) errors.push(notFound('Вид документа', request.kind, '1.2.643.5.1.13.13.11.1520'));
  const day = request.creationDateTime.slice(0, 10);
  if (kind && /^\d{4}-\d{2}-\d{2}$/.test(day) && !isDocumentKindValidOn(kind, day)) {
    errors.push(remdError('NO_DOCUMENT_KIND_ON_DATE', `Вид документов [${kind.code}] не актуален на дату создания [${day}]`));
  }
  if (kind && requiresPatientSnils(kind) && !request.patient.snils) {
    errors.push(remdError('NO_SNILS', `СНИЛС пациента в составе сведений о пациенте обязателен для вида документов [${kind.code}]`));
  }
  for (const { signer } of request.personalSignatures) {
    if (signer.role && !roles.has(signer.role)) errors.push(notFound('Роль подписанта', signer.role, '1.2.643.5.1.13.13.99.2.368'));
    if (signer.position && !findPosition(signer.position)) errors.push(notFound('Должность', signer.position, '1.2.643.5.1.13.13.11.1002'));
    if (signer.speciality && !findSpecialty(signer.speciality)) errors.push(notFound('Специальность', signer.speciality, '1.2.643.5.1.13.13.11.1066'));
  }
  return errors;
}

/** NSI 1520 MO_SIGN: undefined for kinds the dump does not cover. */
export function orgSignatureRule(kind: string): 'required' | 'not-required' | undefined {
  if (data.orgSignatureRequired.includes(kind)) return 'required';
  if (data.orgSignatureNotRequired.includes(kind)) return 'not-required';
  return undefined;
}
