/**
 * The facts REMD compares between a SEMD and its registration request
 * (egisz.md §1.8): document id, creation time, patient, organization and the
 * staff named as author and legal authenticator.
 */
import { child, childrenNamed, childText, parseXml } from '../egisz/remd/xml-reader.ts';
import type { Element } from '../egisz/remd/xml-reader.ts';

const SNILS_ROOT = '1.2.643.100.3';

export interface CdaPerson {
  snils?: string;
  /** The local id (.70 / .10 root). */
  localId?: string;
  family?: string;
  given?: string;
  patronymic?: string;
}

export interface CdaFacts {
  documentId?: string;
  /** HL7 TS as written, e.g. 202611261015+0300. */
  effectiveTime?: string;
  patient: CdaPerson & { birthTime?: string; genderCode?: string };
  providerOrganization?: string;
  authors: CdaPerson[];
  legalAuthenticator?: CdaPerson;
}

/**
 * From the text or a parsed root (names are read by local name, so the copy
 * the Schematron runs on will do). Throws XmlParseError when the text is not
 * XML; an XML of another shape yields empty facts.
 */
export function readCdaFacts(xml: string | Element): CdaFacts {
  const root = typeof xml === 'string' ? (parseXml(xml).documentElement as unknown as Element) : xml;
  const patientRole = child(child(root, 'recordTarget'), 'patientRole');
  const patient = child(patientRole, 'patient');
  const legal = child(child(root, 'legalAuthenticator'), 'assignedEntity');
  return {
    documentId: attr(child(root, 'id'), 'extension'),
    effectiveTime: attr(child(root, 'effectiveTime'), 'value'),
    patient: {
      ...ids(patientRole),
      ...names(patient),
      birthTime: attr(child(patient, 'birthTime'), 'value'),
      genderCode: attr(child(patient, 'administrativeGenderCode'), 'code'),
    },
    providerOrganization: attr(child(child(patientRole, 'providerOrganization'), 'id'), 'root'),
    authors: childrenNamed(root, 'author').map((a) => person(child(a, 'assignedAuthor'))),
    ...(legal ? { legalAuthenticator: person(legal) } : {}),
  };
}

function attr(el: Element | undefined, name: string): string | undefined {
  return el?.getAttribute(name) || undefined;
}

function ids(parent: Element | undefined): Pick<CdaPerson, 'snils' | 'localId'> {
  const all = parent ? childrenNamed(parent, 'id') : [];
  const snils = all.find((i) => i.getAttribute('root') === SNILS_ROOT);
  const local = all.find((i) => i.getAttribute('root') !== SNILS_ROOT);
  return { snils: attr(snils, 'extension')?.replace(/\D/g, ''), localId: attr(local, 'extension') };
}

/** The patronymic is identity:Patronymic in the Russian profile and the second `given` in the older one (kind 42). */
function names(holder: Element | undefined): Pick<CdaPerson, 'family' | 'given' | 'patronymic'> {
  const name = child(holder, 'name');
  const given = name ? childrenNamed(name, 'given').map((g) => g.textContent?.trim() || undefined) : [];
  return { family: childText(name, 'family'), given: given[0], patronymic: childText(name, 'Patronymic') ?? given[1] };
}

function person(entity: Element | undefined): CdaPerson {
  return { ...ids(entity), ...names(child(entity, 'assignedPerson')) };
}

/** HL7 TS (YYYYMMDD[HHMM[SS]][±ZZZZ]) to a Date; a TS without zone counts as UTC. */
export function parseTs(ts: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?([+-]\d{2})?(\d{2})?$/.exec(ts ?? '');
  if (!m) return undefined;
  const zone = m[7] ? `${m[7]}:${m[8] ?? '00'}` : 'Z';
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${zone}`);
}

/** HL7 date YYYYMMDD → YYYY-MM-DD. */
export const tsDay = (ts: string | undefined): string | undefined =>
  ts && /^\d{8}/.test(ts) ? `${ts.slice(0, 4)}-${ts.slice(4, 6)}-${ts.slice(6, 8)}` : undefined;
