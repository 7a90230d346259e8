/**
 * One well-formed МКБ-10 code against the dictionary and the patient:
 * it exists and is actual, it is a leaf, it fits the patient's sex and age.
 */
import type { Gender } from '../domain/record.ts';
import type { Issue } from './issue.ts';
import type { ValidationContext } from './validation-context.ts';
import { issueFor } from './rule-catalogue.ts';
import { findMkb10, mkb10Children, mkb10Ref, type Mkb10Entry } from '../dictionaries/mkb10.ts';
import { plausibleBirthDate } from './birth-date-rules.ts';
import { formatAge, fullYearsBetween, isCalendarDate } from './calendar-date.ts';

interface SexRange {
  from: string;
  to: string;
  sex: Gender;
  /** Certain: an error. Otherwise only the usual case: a warning. */
  strict: boolean;
}

/** Codes for one sex only (WHO ICD-10 notes on sex-specific categories). */
const SEX_RANGES: readonly SexRange[] = [
  { from: 'O00', to: 'O99', sex: 'female', strict: true },
  { from: 'C51', to: 'C58', sex: 'female', strict: false },
  { from: 'D25', to: 'D28', sex: 'female', strict: false },
  { from: 'N70', to: 'N98', sex: 'female', strict: false },
  { from: 'Q50', to: 'Q52', sex: 'female', strict: false },
  { from: 'Z32', to: 'Z36', sex: 'female', strict: false },
  { from: 'C60', to: 'C63', sex: 'male', strict: false },
  { from: 'D29', to: 'D29', sex: 'male', strict: false },
  { from: 'N40', to: 'N51', sex: 'male', strict: false },
  { from: 'Q53', to: 'Q55', sex: 'male', strict: false },
];

interface AgeRange {
  from: string;
  to: string;
  minYears: number;
  maxYears: number;
  rule: string;
}

/** Codes that fit some ages only; a mismatch is worth a second look, not a refusal. */
const AGE_RANGES: readonly AgeRange[] = [
  { from: 'P00', to: 'P96', minYears: 0, maxYears: 0, rule: 'относится к перинатальному периоду и обычно применяется у детей до года' },
  { from: 'O00', to: 'O99', minYears: 10, maxYears: 60, rule: 'относится к беременности и родам' },
];

const inRange = (code: string, from: string, to: string) => code >= from && (code <= to || code.startsWith(to));

const SEX_WORDS: Readonly<Record<Gender, { who: string; is: string }>> = {
  female: { who: 'женщин', is: 'женский' },
  male: { who: 'мужчин', is: 'мужской' },
};

export function checkMkb10Entry(code: string, path: string, ctx: ValidationContext, issues: Issue[]): void {
  const entry = findMkb10(code);
  if (!entry) {
    issues.push(issueFor('VALIDATION_MKB_UNKNOWN', path, { value: code, version: mkb10Ref.version }));
    return;
  }
  if (!entry.actual) issues.push(issueFor('VALIDATION_MKB_NOT_ACTUAL', path, { value: code }));
  if (!entry.leaf) {
    const children = mkb10Children(entry.code).slice(0, 3).map((c) => `${c.code} ${c.name}`).join('; ');
    issues.push(issueFor('VALIDATION_MKB_NOT_LEAF', path, { value: code, children }));
  }
  checkSex(entry, path, ctx, issues);
  checkAge(entry, path, ctx, issues);
}

function checkSex(entry: Mkb10Entry, path: string, ctx: ValidationContext, issues: Issue[]): void {
  const gender = ctx.record.patient?.gender;
  if (gender !== 'male' && gender !== 'female') return;
  const range = SEX_RANGES.find((r) => inRange(entry.code, r.from, r.to));
  if (!range || range.sex === gender) return;
  const params = { value: entry.code, name: entry.name, sex: SEX_WORDS[range.sex].who, gender: SEX_WORDS[gender].is };
  issues.push(issueFor(range.strict ? 'VALIDATION_MKB_SEX' : 'VALIDATION_MKB_SEX_LIKELY', path, params));
}

function checkAge(entry: Mkb10Entry, path: string, ctx: ValidationContext, issues: Issue[]): void {
  const range = AGE_RANGES.find((r) => inRange(entry.code, r.from, r.to));
  if (!range) return;
  const birthDate = plausibleBirthDate(ctx.record.patient?.birthDate, ctx.today);
  if (!birthDate) return;
  const visit = ctx.record.encounter?.visitDate;
  const onDate = typeof visit === 'string' && isCalendarDate(visit) && visit >= birthDate ? visit : ctx.today;
  const age = fullYearsBetween(birthDate, onDate);
  if (age >= range.minYears && age <= range.maxYears) return;
  issues.push(issueFor('VALIDATION_MKB_AGE', path, { value: entry.code, name: entry.name, ageRule: range.rule, age: formatAge(age) }));
}
