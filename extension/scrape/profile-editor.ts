/**
 * Turns a click of the field mapper into a rule of the site's user profile.
 * The locator is the element's label when that label leads back to it
 * (survives re-rendering and changing ids), with a CSS selector behind it.
 */
import type { CodedConcept } from '../../shared/domain/record.ts';
import { findDocumentKind } from '../../shared/dictionaries/document-kinds.ts';
import { CONCEPTS, dateFormat } from './detect-fields.ts';
import { selectorFor } from './element-selector.ts';
import { CONTROL_SELECTOR, controlLabels, labelsFor } from './field-label.ts';
import { DocumentLookup, isControl } from './locate-field.ts';
import { DOCUMENT_KINDS, rowPathPattern, type DocumentKind, type FieldLocator, type FieldRule, type RowFieldLocator, type RowGroup, type SiteProfile } from './site-profile.ts';
import { columnOf } from './table-rows.ts';

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
    // `*`: picked in one row of the visits table, read in every row.
    { key: 'ambulatoryCase.visits.*.date', label: 'Дата посещения (в каждой строке таблицы)' },
    { key: 'ambulatoryCase.visits.*.conclusion', label: 'Заключение посещения (в каждой строке таблицы)' },
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
  const row = paths.some(isRowPath) ? element.closest('tr, [role=row]') : null;
  if (row) return withPickedRowField(profile, paths, element, row);
  // Outside a table the row field is the first row's.
  const concrete = paths.map((path) => path.replace('.*.', '.0.'));
  const kept = profile.fields.filter((rule) => !rule.paths.some((p) => concrete.includes(p)));
  const user = asUserProfile(profile, element.ownerDocument.location);
  return { ...user, fields: [...kept, ruleFor(concrete, element)] };
}

/**
 * The same field in every row of the picked element's table: a row group over
 * the rows beside it, the cell found by its column header (or its position).
 */
function withPickedRowField(profile: SiteProfile, paths: string[], element: Element, row: Element): SiteProfile {
  const rows = { selector: rowsSelector(row) };
  const { find: _dom, confidence: _sure, ...reading } = ruleFor(paths, element);
  const rule = { ...reading, find: cellLocators(row, element) };
  const sameRows = (group: RowGroup): boolean => JSON.stringify(group.rows) === JSON.stringify(rows);
  // A path is read in one place: drop it from the other groups and from the single-row rules.
  const groups = (profile.repeat ?? [])
    .map((group) => ({ ...group, fields: group.fields.filter((r) => !r.paths.some((p) => paths.includes(p))) }))
    .filter((group) => group.fields.length > 0 || sameRows(group));
  const target = groups.find(sameRows);
  const repeat = target ? groups.map((group) => (group === target ? { ...group, fields: [...group.fields, rule] } : group)) : [...groups, { rows, fields: [rule] }];
  const patterns = paths.map(rowPathPattern);
  const fields = profile.fields.filter((r) => !r.paths.some((p) => patterns.some((pattern) => pattern.test(p))));
  return { ...asUserProfile(profile, element.ownerDocument.location), fields, repeat };
}

/**
 * The rows beside the picked one: in an ARIA grid every `[role=row]` of the
 * grid (ExtJS renders each row as a table of its own), else the row's
 * siblings in its table section or list.
 */
function rowsSelector(row: Element): string {
  const grid = row.getAttribute('role') === 'row' ? row.closest('[role=grid], [role=treegrid]') : null;
  if (grid) return `${selectorFor(grid)} [role=row]`;
  return `${selectorFor(row.parentElement!)} > ${row.localName === 'tr' ? 'tr' : '[role=row]'}`;
}

/** The cell by its column header when it has one, and by its position in the row behind it. */
function cellLocators(row: Element, element: Element): RowFieldLocator[] {
  const cell = element.closest('td, th, [role=gridcell]') ?? element;
  const column = columnOf(row, cell);
  const position = `${cell.localName}:nth-child(${[...row.children].indexOf(cell) + 1})`;
  const selector = { selector: cell === element ? position : `${position} ${element.localName}` };
  return column ? [{ column }, selector] : [selector];
}

const isRowPath = (path: string): boolean => path.split('.').includes('*');

/** The profile as this site's user profile: a built-in profile's address pattern is kept; a detected one is pinned to this page. */
function asUserProfile(profile: SiteProfile, address: Pick<Location, 'hostname' | 'pathname'>): SiteProfile {
  return {
    ...profile,
    id: profile.origin === 'user' ? profile.id : `user:${address.hostname}${address.pathname}`,
    origin: 'user',
    match: profile.origin === 'detected' ? { host: address.hostname, path: address.pathname } : profile.match,
  };
}

/** The kinds the agent builds, with their Russian names from NSI 1520 (without the «(CDA) Редакция N» tail). */
export const documentKindChoices = (): { code: DocumentKind; name: string }[] =>
  DOCUMENT_KINDS.map((code) => ({ code, name: (findDocumentKind(code)?.name ?? code).replace(/\s*\([CС]DA\).*$/, '') }));

const FINAL_STAGE: CodedConcept = {
  code: '3', codeSystem: '1.2.643.5.1.13.13.11.1076', codeSystemVersion: '1.1', codeSystemName: 'Группы диагнозов', displayName: 'Заключительный',
};

/**
 * What a kind brings besides the kind itself: a closed case always states the
 * final diagnosis stage, and its visit kind, payment, kinds of diagnosis and
 * visit places are clinic settings the agent fills.
 */
const KIND_SETTINGS: Partial<Record<DocumentKind, { constants: Record<string, CodedConcept>; agentCompleted: string[] }>> = {
  '42': {
    constants: { 'ambulatoryCase.diagnosisStage': FINAL_STAGE },
    agentCompleted: ['ambulatoryCase.visitKind', 'ambulatoryCase.paymentSource', 'ambulatoryCase.diagnosisKinds', 'ambulatoryCase.visits.*.place'],
  },
};

/** The user's choice of the form's document kind, saved into the site's user profile; another kind's extras go. */
export function withKind(profile: SiteProfile, kind: DocumentKind, address: Pick<Location, 'hostname' | 'pathname'>): SiteProfile {
  const others = Object.values(KIND_SETTINGS);
  const constants = Object.fromEntries(
    Object.entries(profile.constants).filter(([path]) => path !== 'document.kind' && !others.some((extra) => path in extra.constants)),
  );
  const agentCompleted = profile.agentCompleted.filter((path) => !others.some((extra) => extra.agentCompleted.includes(path)));
  const own = KIND_SETTINGS[kind];
  return {
    ...asUserProfile(profile, address),
    kind,
    constants: { ...constants, ...own?.constants },
    agentCompleted: [...agentCompleted, ...(own?.agentCompleted ?? [])],
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
