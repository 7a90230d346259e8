/**
 * The practitioner against ФРМР and the certificate (egisz.md §5 «Practical
 * checks»): in FRMR by SNILS, the same name and birth date, a card in force
 * at this organization on the document date with the stated position; the
 * certificate's owner is the record's practitioner.
 */
import type { ClinicalRecord } from '../../shared/domain/record.ts';
import type { CertificateSummary } from '../../shared/protocol/messages.ts';
import type { Issue } from '../../shared/validate/issue.ts';
import { cardActiveOn, type FrmrClient } from '../egisz/registries/frmr-client.ts';
import { preflightIssue } from './preflight-catalogue.ts';
import { ask, dayOf, fullName, normalName } from './registry-answer.ts';

export function checkCertificateOwner(record: ClinicalRecord, certificate: CertificateSummary): Issue[] {
  const named = fullName(record.practitioner);
  // Only a personal certificate names a person; organisation-only ones are refused earlier.
  if (!certificate.snils || normalName(certificate.owner) === normalName(named)) return [];
  return [preflightIssue('PREFLIGHT_CERTIFICATE_NAME_MISMATCH', 'practitioner.lastName', { value: named, certificate: certificate.owner })];
}

export async function checkPractitionerInFrmr(record: ClinicalRecord, frmr: FrmrClient): Promise<Issue[]> {
  const { practitioner, organization, document } = record;
  const person = await ask('ФРМР', 'врач в ФРМР', 'practitioner.snils', () => frmr.person(practitioner.snils));
  if (!person.answered) return person.notes;
  const found = person.value;
  if (!found) return [...person.notes, preflightIssue('PREFLIGHT_PERSON_NOT_FOUND', 'practitioner.snils', { snils: practitioner.snils })];
  const issues = [...person.notes];
  const frmrName = fullName({ lastName: found.lastName, firstName: found.firstName, middleName: found.patronymic });
  if (normalName(frmrName) !== normalName(fullName(practitioner))) {
    issues.push(preflightIssue('PREFLIGHT_PERSON_NAME_MISMATCH', 'practitioner.lastName', { value: fullName(practitioner), frmr: frmrName }));
  }
  if (practitioner.birthDate && found.birthDate && dayOf(found.birthDate) !== practitioner.birthDate) {
    issues.push(preflightIssue('PREFLIGHT_PERSON_BIRTH_DATE_MISMATCH', 'practitioner.birthDate', { value: practitioner.birthDate, frmr: dayOf(found.birthDate) }));
  }
  // FRMR finds cards by its own spelling of the last name.
  const cards = await ask('ФРМР', 'место работы врача', 'practitioner.snils', () => frmr.cards(practitioner.snils, found.lastName));
  if (!cards.answered) return [...issues, ...cards.notes];
  issues.push(...cards.notes);
  const day = dayOf(document.createdAt);
  const here = (cards.value ?? []).filter((c) => c.organization === organization.oid && cardActiveOn(c, day));
  if (!here.length) {
    issues.push(preflightIssue('PREFLIGHT_PERSON_CARD_NOT_FOUND', 'practitioner.snils', { organization: organization.oid, date: day }));
  } else if (practitioner.positionCode && !here.some((c) => String(c.fedPositionId) === practitioner.positionCode)) {
    issues.push(preflightIssue('PREFLIGHT_PERSON_POSITION_MISMATCH', 'practitioner.positionCode', {
      value: practitioner.positionCode, frmr: here.map((c) => String(c.fedPositionId)).join(', '),
    }));
  }
  return issues;
}
