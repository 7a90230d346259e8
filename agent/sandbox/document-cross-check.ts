/**
 * Request versus document (egisz.md §6, «Request vs SEMD mismatch»): REMD
 * refuses a registration whose metadata say something the signed file does not.
 */
import { remdError } from '../egisz/remd/remd-error-catalogue.ts';
import type { RemdErrorItem } from '../egisz/remd/remd-error-items.ts';
import type { PersonalSignature, RegisterDocumentRequest } from '../egisz/remd/register-document.ts';
import { parseTs, tsDay } from './cda-facts.ts';
import type { CdaFacts, CdaPerson } from './cda-facts.ts';
import { parseMoment } from './stage-one-checks.ts';

const mismatch = (what: string, inDocument: string | undefined, inRequest: string | undefined): RemdErrorItem =>
  remdError('VALIDATION_ERROR', `${what} в ЭМД [${inDocument ?? ''}] отличается от ${what.toLowerCase()} в запросе на регистрацию сведений [${inRequest ?? ''}]`);

const same = (a: string | undefined, b: string | undefined) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

export function crossCheck(request: RegisterDocumentRequest, facts: CdaFacts): RemdErrorItem[] {
  return [...checkDocument(request, facts), ...checkPatient(request, facts), ...checkStaff(request, facts)];
}

function checkDocument(request: RegisterDocumentRequest, facts: CdaFacts): RemdErrorItem[] {
  const errors: RemdErrorItem[] = [];
  if (facts.documentId !== request.localUid) errors.push(mismatch('Уникальный идентификатор документа', facts.documentId, request.localUid));
  // CDA carries minutes (119.sch У1-14): compare to the minute.
  const inDocument = parseTs(facts.effectiveTime)?.getTime();
  const inRequest = parseMoment(request.creationDateTime)?.getTime();
  if (inDocument === undefined || inRequest === undefined || Math.floor(inDocument / 60_000) !== Math.floor(inRequest / 60_000)) {
    errors.push(mismatch('Дата создания документа', facts.effectiveTime, request.creationDateTime));
  }
  if (facts.providerOrganization !== request.organization) {
    errors.push(mismatch('Организация (providerOrganization)', facts.providerOrganization, request.organization));
  }
  return errors;
}

function checkPatient({ patient }: RegisterDocumentRequest, { patient: inDoc }: CdaFacts): RemdErrorItem[] {
  const errors: RemdErrorItem[] = [];
  if ((inDoc.snils ?? '') !== patient.snils) errors.push(mismatch('СНИЛС пациента', inDoc.snils, patient.snils));
  if (!same(inDoc.family, patient.lastName)) errors.push(mismatch('Фамилия пациента', inDoc.family, patient.lastName));
  if (!same(inDoc.given, patient.firstName)) errors.push(mismatch('Имя пациента', inDoc.given, patient.firstName));
  if (!same(inDoc.patronymic, patient.middleName)) errors.push(mismatch('Отчество пациента', inDoc.patronymic, patient.middleName));
  const birth = tsDay(inDoc.birthTime);
  if (birth !== patient.birthDate) errors.push(mismatch('Дата рождения пациента', birth, patient.birthDate));
  return errors;
}

/** Every signer must appear in the SEMD, and the legal authenticator must sign. */
function checkStaff(request: RegisterDocumentRequest, facts: CdaFacts): RemdErrorItem[] {
  const inDocument = [...facts.authors, ...(facts.legalAuthenticator ? [facts.legalAuthenticator] : [])];
  const errors: RemdErrorItem[] = [];
  for (const { signer } of request.personalSignatures) {
    const person = inDocument.find((p) => p.snils === signer.snils);
    if (!person) errors.push(remdError('INVALID_DOCTOR_SNILS', [signer.snils]));
    else errors.push(...compareDoctor(signer, person));
  }
  const legal = facts.legalAuthenticator;
  if (legal && !request.personalSignatures.some((s) => s.signer.snils === legal.snils)) {
    errors.push(remdError('LEGAL_AUTHENTICATOR_NOT_FOUND', [legal.snils ?? '']));
  }
  return errors;
}

function compareDoctor(signer: PersonalSignature['signer'], person: CdaPerson): RemdErrorItem[] {
  const errors: RemdErrorItem[] = [];
  if (!same(signer.lastName, person.family)) errors.push(remdError('INVALID_DOCTOR_FAMILY', [signer.lastName, person.family ?? '', signer.snils]));
  if (!same(signer.firstName, person.given)) errors.push(remdError('INVALID_DOCTOR_NAME', [signer.firstName, person.given ?? '', signer.snils]));
  if (!same(signer.middleName, person.patronymic)) {
    errors.push(remdError('INVALID_DOCTOR_PATRONYMIC', [signer.middleName ?? '', person.patronymic ?? '', signer.snils]));
  }
  if (signer.localId && person.localId && signer.localId !== person.localId) errors.push(remdError('INVALID_DOCTOR_ID', [signer.snils]));
  return errors;
}
