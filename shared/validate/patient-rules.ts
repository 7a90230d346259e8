/** Rules over `patient`: identity as ГИП (the federal patient index) will match it. */
import type { Issue } from './issue.ts';
import type { RuleGroup, ValidationContext } from './validation-context.ts';
import { checkPhone, readDate, readDigitsId, readSnils, readText } from './field-checks.ts';
import { checkBirthDate } from './birth-date-rules.ts';
import { checkNames, checkSexAgainstNames } from './name-rules.ts';
import { issueFor } from './rule-catalogue.ts';
import { isValidEnp } from './enp.ts';
import { checkIdentityDocument } from './identity-document-rules.ts';
import { findDocumentKind, requiresPatientSnils } from '../dictionaries/document-kinds.ts';
import { recordGender } from '../dictionaries/genders.ts';

function snilsRequired(ctx: ValidationContext): boolean {
  const kind = ctx.record.document?.kind;
  const entry = typeof kind === 'string' ? findDocumentKind(kind) : undefined;
  // Unknown kind: insist, since most kinds require it.
  return entry ? requiresPatientSnils(entry) : true;
}

function checkPatient(ctx: ValidationContext): Issue[] {
  const issues: Issue[] = [];
  const p = ctx.record.patient ?? {};
  readSnils(p.snils, 'patient.snils', issues, snilsRequired(ctx) && 'VALIDATION_PATIENT_SNILS_REQUIRED', 'VALIDATION_PATIENT_SNILS_CHECKSUM');
  const presence = { lastName: 'VALIDATION_PATIENT_LAST_NAME_REQUIRED', firstName: 'VALIDATION_PATIENT_FIRST_NAME_REQUIRED' } as const;
  const names = checkNames('patient', p, presence, 'PATIENT_MPI_MISMATCH', issues);
  const birthDate = readDate(p.birthDate, 'patient.birthDate', issues, 'VALIDATION_REQUIRED');
  if (birthDate) checkBirthDate(birthDate, ctx.today, 'patient.birthDate', issues);
  const gender = readText(p.gender, 'patient.gender', issues, 'VALIDATION_REQUIRED');
  if (gender === 'male' || gender === 'female') checkSexAgainstNames(gender, names, issues);
  else if (gender !== undefined) {
    const meant = recordGender(gender);
    const suggestion = meant ? `Похоже, это ${meant === 'male' ? 'мужской' : 'женский'} пол: передайте значение ${meant}` : '';
    issues.push(issueFor('VALIDATION_GENDER', 'patient.gender', { value: gender, suggestion }));
  }
  readDigitsId(p.enp, 'patient.enp', issues, { lengths: [16], format: 'VALIDATION_ENP_FORMAT', checksum: 'VALIDATION_ENP_CHECKSUM', isValid: isValidEnp });
  checkIdentityDocument(p.identityDocument, ctx, issues);
  checkPhone(p.phone, 'patient.phone', issues);
  return issues;
}

export const patientRules: RuleGroup = { scope: 'patient', check: checkPatient };
