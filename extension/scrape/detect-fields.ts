/**
 * Finds the form's fields without a profile, by what the page calls them:
 * Russian labels and their usual abbreviations. The result is a profile like
 * any other, marked `detected`, with a confidence per field for the user to
 * confirm or correct. Small and free of validators: the form detector runs it
 * on every page.
 */
import { CONTROL_SELECTOR, controlLabels, labelKey, labelsFor, type ControlLabel } from './field-label.ts';
import { selectorFor } from './element-selector.ts';
import { DocumentLookup } from './locate-field.ts';
import type { FieldFormat, FieldReading, FieldRule, SiteProfile } from './site-profile.ts';

interface Concept {
  paths: string[];
  /** The whole label, e.g. «Д.р.»; a `loose` one only has to occur in it. */
  exact: RegExp;
  loose?: RegExp;
  format: (control: Element) => FieldFormat;
  read: (control: Element) => FieldReading;
}

const text = (): FieldFormat => ({ kind: 'text' });
const value = (): FieldReading => 'value';
const optionText = (control: Element): FieldReading => (control.tagName === 'SELECT' ? 'option-text' : 'value');
const GENDERS: Record<string, string> = { мужской: 'male', муж: 'male', 'муж.': 'male', м: 'male', женский: 'female', жен: 'female', 'жен.': 'female', ж: 'female' };
const OF_PATIENT = '( пациента)?';

/** The form's date pattern: <input type=date> is ISO; a placeholder may say; else the Russian way. */
export function dateFormat(control: Element): FieldFormat {
  if ((control as HTMLInputElement).type === 'date') return { kind: 'date', pattern: 'yyyy-mm-dd' };
  const hint = control.getAttribute('placeholder')?.toLowerCase() ?? '';
  return { kind: 'date', pattern: hint.includes('гггг-') ? 'yyyy-mm-dd' : hint.includes('/') ? 'dd/mm/yyyy' : 'dd.mm.yyyy' };
}

export const CONCEPTS: readonly Concept[] = [
  { paths: ['patient.snils'], exact: new RegExp(`^(снилс|страховой номер( илс| индивидуального лицевого счета)?)${OF_PATIENT}$`), loose: /снилс|страховой номер/, format: () => ({ kind: 'snils' }), read: value },
  { paths: ['practitioner.snils'], exact: /^снилс (врача|сотрудника|пользователя|специалиста)$/, format: () => ({ kind: 'snils' }), read: value },
  { paths: ['patient.lastName', 'patient.firstName', 'patient.middleName'], exact: new RegExp(`^(ф\\.? ?и\\.? ?о\\.?|фио)${OF_PATIENT}$`), format: () => ({ kind: 'fio' }), read: value },
  { paths: ['patient.lastName'], exact: new RegExp(`^фамилия${OF_PATIENT}$`), format: text, read: value },
  { paths: ['patient.firstName'], exact: new RegExp(`^имя${OF_PATIENT}$`), format: text, read: value },
  { paths: ['patient.middleName'], exact: new RegExp(`^отчество${OF_PATIENT}$`), format: text, read: value },
  { paths: ['patient.birthDate'], exact: new RegExp(`^(дата рождения|дата рожд\\.?|д\\. ?р\\.?|д/р|др)${OF_PATIENT}$`), loose: /дата рождения/, format: dateFormat, read: value },
  { paths: ['patient.gender'], exact: new RegExp(`^пол${OF_PATIENT}$`), format: () => ({ kind: 'map', values: GENDERS }), read: optionText },
  { paths: ['patient.enp'], exact: /^((номер )?полис(а)?( омс)?( \(енп\))?|енп|единый номер полиса( омс)?|№ полиса( омс)?)$/, loose: /полис омс|енп/, format: text, read: value },
  { paths: ['encounter.diagnoses.0.code'], exact: /^((основной )?диагноз( \(мкб-?10\)| по мкб-?10)?|мкб-?10|код диагноза|код мкб(-?10)?|ds)$/, loose: /мкб|код диагноза/, format: text, read: value },
  { paths: ['encounter.visitDate'], exact: /^дата (приема|посещения|консультации|осмотра|визита|обращения)$/, loose: /дата (приема|посещения|консультации|осмотра)/, format: dateFormat, read: value },
  { paths: ['encounter.conclusion'], exact: /^(заключение|заключение врача|заключение специалиста)$/, format: text, read: value },
];

/** Fields that say «a patient is on this page». */
const PATIENT_KEYS = new Set(['patient.snils', 'patient.lastName']);
/** Below this a match is not offered at all. */
export const MIN_CONFIDENCE = 0.5;
/** A patient key field this sure, plus one more field, wakes the overlay. */
export const WAKE_CONFIDENCE = 0.7;

export interface Detection {
  profile: SiteProfile;
  /** True when the page clearly holds a patient form: the overlay should come up. */
  wake: boolean;
}

interface Candidate {
  concept: Concept;
  control: Element;
  label: ControlLabel;
  score: number;
}

/** Cheap pre-check: no Russian patient words anywhere, no detection work at all. */
export function mayHoldPatientForm(doc: Document): boolean {
  const body = doc.body;
  if (!body || !doc.querySelector('input, select, textarea')) return false;
  if (/снилс|фамилия|ф\.\s?и\.\s?о|фио|страховой номер/i.test(body.textContent ?? '')) return true;
  return doc.querySelector('[placeholder*="СНИЛС" i], [aria-label*="СНИЛС" i], [placeholder*="Фамилия" i], [aria-label*="Фамилия" i]') !== null;
}

export function detectFields(docs: readonly Document[], address: URL): Detection {
  const best = new Map<string, Candidate>();
  const taken = new Set<Element>();
  const candidates = docs.flatMap((doc) => candidatesIn(doc)).sort((a, b) => b.score - a.score);
  for (const candidate of candidates) {
    const key = candidate.concept.paths.join('+');
    if (best.has(key) || taken.has(candidate.control) || clashes(candidate, best)) continue;
    best.set(key, candidate);
    taken.add(candidate.control);
  }
  const chosen = [...best.values()].sort((a, b) => order(a.control, b.control));
  const lookups = new Map<Document, DocumentLookup>();
  const lookupOf = (doc: Document): DocumentLookup => lookups.get(doc) ?? lookups.set(doc, new DocumentLookup(doc)).get(doc)!;
  const fields = chosen.map((candidate) => ruleFor(candidate, lookupOf(candidate.control.ownerDocument)));
  const keyField = chosen.some((c) => c.score >= WAKE_CONFIDENCE && c.concept.paths.some((p) => PATIENT_KEYS.has(p)));
  return { profile: detectedProfile(address, fields), wake: keyField && chosen.length >= 2 };
}

function candidatesIn(doc: Document): Candidate[] {
  if (!mayHoldPatientForm(doc)) return [];
  const forIds = labelsFor(doc);
  const found: Candidate[] = [];
  for (const control of doc.querySelectorAll(CONTROL_SELECTOR)) {
    for (const label of controlLabels(control, forIds)) {
      const key = labelKey(label.text);
      for (const concept of CONCEPTS) {
        const fit = concept.exact.test(key) ? 1 : concept.loose?.test(key) ? 0.7 : 0;
        if (fit > 0 && fit * label.weight >= MIN_CONFIDENCE) found.push({ concept, control, label, score: fit * label.weight });
      }
    }
  }
  return found;
}

/** «Ф.И.О.» in one field and separate name fields exclude each other. */
function clashes(candidate: Candidate, best: Map<string, Candidate>): boolean {
  const paths = new Set(candidate.concept.paths);
  return [...best.values()].some((other) => other.concept.paths.some((p) => paths.has(p)));
}

function ruleFor({ concept, control, label, score }: Candidate, lookup: DocumentLookup): FieldRule {
  // A label locator survives re-rendering, but only if the label leads to this very control.
  const byLabel = lookup.byLabel(label.text) === control;
  return {
    paths: concept.paths,
    find: byLabel ? [{ label: label.text }, { selector: selectorFor(control) }] : { selector: selectorFor(control) },
    read: concept.read(control),
    format: concept.format(control),
    confidence: Math.round(score * 100) / 100,
  };
}

function order(a: Element, b: Element): number {
  if (a.ownerDocument !== b.ownerDocument) return 0;
  return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

export function detectedProfile(address: URL, fields: FieldRule[]): SiteProfile {
  return {
    id: `detected:${address.hostname}${address.pathname}`,
    title: 'Протокол консультации',
    origin: 'detected',
    match: { host: address.hostname, path: address.pathname },
    fields,
    constants: { 'document.kind': '119', 'encounter.diagnoses.0.role': 'main' },
    agentCompleted: ['organization', 'practitioner.positionCode', 'practitioner.specialtyCode', 'document.createdAt', 'document.localUid'],
  };
}
