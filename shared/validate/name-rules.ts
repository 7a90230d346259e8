/** The three name fields of a person, and (for the patient) their agreement with sex. */
import type { Gender } from '../domain/record.ts';
import type { Issue } from './issue.ts';
import { readText, type Presence } from './field-checks.ts';
import { checkPersonName } from './person-name.ts';
import { issueFor } from './rule-catalogue.ts';
import { sexByPatronymic, sexBySurname } from './sex-by-name.ts';

interface NameFields {
  lastName?: unknown;
  firstName?: unknown;
  middleName?: unknown;
}

export interface NamePresence {
  lastName: Presence;
  firstName: Presence;
}

/** Checks lastName, firstName, middleName under `section`; returns the texts read. */
/** `section`: the path of the person, e.g. patient or ambulatoryCase.visits.1.practitioner. */
export function checkNames(section: string, fields: NameFields, presence: NamePresence, remdCode: string, issues: Issue[]) {
  const read = (key: keyof NameFields, required: Presence) => {
    const path = `${section}.${key}`;
    const text = readText(fields[key], path, issues, required);
    if (text !== undefined) checkPersonName(text, path, issues, remdCode);
    return text;
  };
  return { lastName: read('lastName', presence.lastName), firstName: read('firstName', presence.firstName), middleName: read('middleName', false) };
}

const GENDER_WORDS: Readonly<Record<Gender, { is: string; form: string }>> = {
  male: { is: 'мужской', form: 'мужскую' },
  female: { is: 'женский', form: 'женскую' },
};

/** Warns when the patronymic or the surname ending says the other sex. */
export function checkSexAgainstNames(gender: Gender, names: { lastName?: string; middleName?: string }, issues: Issue[]): void {
  const byPatronymic = names.middleName ? sexByPatronymic(names.middleName) : undefined;
  if (byPatronymic && byPatronymic !== gender) {
    issues.push(issueFor('VALIDATION_SEX_PATRONYMIC_MISMATCH', 'patient.middleName', { value: names.middleName ?? '', gender: GENDER_WORDS[gender].is }));
  }
  const bySurname = names.lastName ? sexBySurname(names.lastName) : undefined;
  if (bySurname && bySurname !== gender) {
    const params = { value: names.lastName ?? '', surnameGender: GENDER_WORDS[bySurname].form, gender: GENDER_WORDS[gender].is };
    issues.push(issueFor('VALIDATION_SEX_SURNAME_MISMATCH', 'patient.lastName', params));
  }
}
