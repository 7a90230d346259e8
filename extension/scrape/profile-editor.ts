/**
 * Turns a click of the field mapper into a rule of the site's user profile.
 * The locator is the element's label when that label leads back to it
 * (survives re-rendering and changing ids), with a CSS selector behind it.
 */
import { CONCEPTS, dateFormat } from './detect-fields.ts';
import { selectorFor } from './element-selector.ts';
import { CONTROL_SELECTOR, controlLabels, labelsFor } from './field-label.ts';
import { DocumentLookup, isControl } from './locate-field.ts';
import type { FieldLocator, FieldRule, SiteProfile } from './site-profile.ts';

/** What the mapper offers, in the order of the form: a record path, or a «Ф.И.О.» in one element. */
export const MAPPABLE_FIELDS: readonly { key: string; label: string }[] = [
  ['patient.snils', 'СНИЛС пациента'], ['patient.fio', 'Ф.И.О. пациента одной строкой'], ['patient.lastName', 'Фамилия пациента'],
  ['patient.firstName', 'Имя пациента'], ['patient.middleName', 'Отчество пациента'], ['patient.birthDate', 'Дата рождения пациента'],
  ['patient.gender', 'Пол пациента'], ['patient.enp', 'Номер полиса ОМС'], ['encounter.visitDate', 'Дата приёма'],
  ['encounter.diagnoses.0.code', 'Диагноз (код МКБ-10)'], ['encounter.conclusion', 'Заключение'], ['practitioner.snils', 'СНИЛС врача'],
  ['practitioner.fio', 'Ф.И.О. врача одной строкой'], ['practitioner.lastName', 'Фамилия врача'],
  ['practitioner.firstName', 'Имя врача'], ['practitioner.middleName', 'Отчество врача'],
].map(([key, label]) => ({ key: key!, label: label! }));

/**
 * The text and date fields of a form of another kind, offered after the common ones. Coded fields (a referral's
 * consultation, a case's result or services) are not: their MIS codes need a table in the profile file.
 */
const KIND_FIELDS: Readonly<Record<string, readonly { key: string; label: string }[]>> = {
  '185': [
    { key: 'patient.address', label: 'Адрес пациента' },
    { key: 'referral.organization.name', label: 'Куда направлен (организация)' },
    { key: 'referral.comment', label: 'Комментарий к направлению' },
  ],
  '42': [
    { key: 'encounter.caseId', label: '№ случая (талона)' },
    { key: 'encounter.openDate', label: 'Дата открытия случая' },
    { key: 'encounter.closeDate', label: 'Дата закрытия случая' },
    { key: 'ambulatoryCase.visits.0.date', label: 'Дата посещения №1' },
    { key: 'ambulatoryCase.visits.0.conclusion', label: 'Заключение (посещение №1)' },
    { key: 'ambulatoryCase.nonDrugTreatment', label: 'Немедикаментозное лечение' },
  ],
};

/** What the mapper offers on a form of this kind. */
export const mappableFields = (kind: string | undefined): readonly { key: string; label: string }[] =>
  [...MAPPABLE_FIELDS, ...(KIND_FIELDS[kind ?? ''] ?? [])];

/** Dates outside the detected concepts (a case's opening day, a visit's date) are read as dates too. */
const isDatePath = (path: string): boolean => /(Date|\.date)$/.test(path);

/** "patient.fio" stands for the three name paths read from one element. */
const pathsOf = (key: string): string[] =>
  key.endsWith('.fio') ? ['lastName', 'firstName', 'middleName'].map((part) => key.replace('fio', part)) : [key];

/** A user profile for this site: the current one with the mapper's field `key` now read from `element`. */
export function withPickedField(profile: SiteProfile, key: string, picked: Element): SiteProfile {
  const element = pickedControl(picked);
  const paths = pathsOf(key);
  const kept = profile.fields.filter((rule) => !rule.paths.some((p) => paths.includes(p)));
  const rule = ruleFor(paths, element);
  const address = element.ownerDocument.location;
  const user = profile.origin === 'user';
  return {
    ...profile,
    id: user ? profile.id : `user:${address.hostname}${address.pathname}`,
    origin: 'user',
    // A built-in profile's address pattern is kept; a detected one is pinned to this page.
    match: profile.origin === 'detected' ? { host: address.hostname, path: address.pathname } : profile.match,
    fields: [...kept, rule],
  };
}

/** A click on a control, inside one, or on its <label> means the control; anything else is read as text. */
function pickedControl(picked: Element): Element {
  const control = picked.closest(CONTROL_SELECTOR);
  if (control) return control;
  const label = picked.closest('label');
  const labelled = label?.htmlFor ? label.ownerDocument.getElementById(label.htmlFor) : label?.querySelector(CONTROL_SELECTOR);
  return labelled ?? picked;
}

function ruleFor(paths: string[], element: Element): FieldRule {
  const concept = CONCEPTS.find((c) => c.paths.join() === paths.join());
  const control = isControl(element);
  return {
    paths,
    find: locatorsFor(element),
    read: !control ? 'text' : concept ? concept.read(element) : 'value',
    format: paths.length === 3 ? { kind: 'fio' } : concept ? concept.format(element) : isDatePath(paths[0]!) ? dateFormat(element) : { kind: 'text' },
  };
}

function locatorsFor(element: Element): FieldLocator[] {
  const lookup = new DocumentLookup(element.ownerDocument);
  const label = isControl(element) ? controlLabels(element, labelsFor(element.ownerDocument))[0] : undefined;
  const selector: FieldLocator = { selector: selectorFor(element) };
  return label && lookup.byLabel(label.text) === element ? [{ label: label.text }, selector] : [selector];
}
