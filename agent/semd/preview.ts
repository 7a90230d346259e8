/**
 * What you see is what you sign: the confirm page shows an HTML rendering of
 * the exact XML bytes that will be signed, read back from the XML (never from
 * the record). The fragment is self-contained, escaped and script-free.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import { readableTs } from './cda-time.ts';
import { SemdError } from './semd-error.ts';
import { snilsRoot } from './semd-vocabulary.ts';

const CDA = 'urn:hl7-org:v3';
const IDENTITY = 'urn:hl7-ru:identity';

export interface Preview {
  title: string;
  html: string;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function children(el: Element | undefined, name: string, namespace = CDA): Element[] {
  if (!el) return [];
  const found: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).localName === name && (n as Element).namespaceURI === namespace) found.push(n as Element);
  }
  return found;
}

/** The first element along a path of direct CDA children. */
function at(el: Element | undefined, ...path: string[]): Element | undefined {
  let current = el;
  for (const name of path) current = children(current, name)[0];
  return current;
}

const textOf = (el: Element | undefined): string => (el?.textContent ?? '').trim();

/** family, given and the patronymic: identity:Patronymic, or the second given of the older profile (kind 42). */
function personName(name: Element | undefined): string {
  const [given, secondGiven] = children(name, 'given');
  const patronymic = children(name, 'Patronymic', IDENTITY)[0] ?? secondGiven;
  return [textOf(at(name, 'family')), textOf(given), textOf(patronymic)].filter((p) => p !== '').join(' ');
}

/** 11 digits → `123-456-789 01`. */
function formatSnils(snils: string): string {
  const d = snils.replace(/\D/g, '');
  return d.length === 11 ? `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9)}` : snils;
}

function parse(xml: string): Element {
  const malformed = (message: string) => new SemdError('DOCUMENT_XML_MALFORMED', `Документ не является корректным XML: ${message}`);
  // xmldom wraps exceptions thrown from onError, so the first problem is kept and thrown here.
  let problem: string | undefined;
  const parser = new DOMParser({ onError: (level, message) => { if (level !== 'warning') problem ??= message; } });
  let doc: ReturnType<DOMParser['parseFromString']> | undefined;
  try {
    doc = parser.parseFromString(xml, 'text/xml');
  } catch (e) {
    problem ??= e instanceof Error ? e.message : String(e);
  }
  if (problem !== undefined || !doc) throw malformed(problem ?? 'пустой документ');
  const root = doc.documentElement;
  if (!root || root.localName !== 'ClinicalDocument' || root.namespaceURI !== CDA) throw malformed('корневой элемент не ClinicalDocument');
  return root;
}

const row = (label: string, value: string): string =>
  value === '' ? '' : `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;

function headerTable(root: Element): string {
  const role = at(root, 'recordTarget', 'patientRole');
  const patient = at(role, 'patient');
  const snils = children(role, 'id').find((i) => i.getAttribute('root') === snilsRoot)?.getAttribute('extension') ?? '';
  const author = at(root, 'author', 'assignedAuthor');
  const event = at(root, 'documentationOf', 'serviceEvent', 'effectiveTime');
  const period = at(root, 'componentOf', 'encompassingEncounter', 'effectiveTime');
  const org = at(root, 'custodian', 'assignedCustodian', 'representedCustodianOrganization');
  const identityDoc = children(role, 'IdentityDoc', IDENTITY)[0];
  const policy = children(role, 'InsurancePolicy', IDENTITY)[0];
  return [
    '<table class="semd-header">',
    row('Пациент', personName(at(patient, 'name'))),
    row('СНИЛС', snils === '' ? '' : formatSnils(snils)),
    row('Дата рождения', readableTs(at(patient, 'birthTime')?.getAttribute('value') ?? '')),
    row('Пол', at(patient, 'administrativeGenderCode')?.getAttribute('displayName') ?? ''),
    row('Документ, удостоверяющий личность', identityDocumentText(identityDoc)),
    row('Полис ОМС', textOf(children(policy, 'Number', IDENTITY)[0])),
    row('Врач', personName(at(author, 'assignedPerson', 'name'))),
    row('Должность', at(author, 'code')?.getAttribute('displayName') ?? ''),
    row('Медицинская организация', textOf(at(org, 'name'))),
    row('Дата документа', readableTs(at(root, 'effectiveTime')?.getAttribute('value') ?? '')),
    row('Дата оказания услуги', readableTs(at(event, 'low')?.getAttribute('value') ?? '')),
    row('Период случая', casePeriod(period)),
    '</table>',
  ].join('');
}

/** «20.11.2026 — 26.11.2026» from a case's effectiveTime, only when it has both ends. */
function casePeriod(time: Element | undefined): string {
  const low = at(time, 'low')?.getAttribute('value') ?? '';
  const high = at(time, 'high')?.getAttribute('value') ?? '';
  return low === '' || high === '' ? '' : `${readableTs(low)} — ${readableTs(high)}`;
}

/** «Паспорт гражданина Российской Федерации 4510 № 123456» from identity:IdentityDoc. */
function identityDocumentText(doc: Element | undefined): string {
  const part = (name: string) => textOf(children(doc, name, IDENTITY)[0]);
  const type = children(doc, 'IdentityCardType', IDENTITY)[0]?.getAttribute('displayName') ?? '';
  const number = part('Number');
  return number === '' ? '' : [type, part('Series'), `№ ${number}`].filter((p) => p !== '').join(' ');
}

/** NarrativeBlock → HTML: paragraphs and tables, everything else as plain text. */
function narrative(text: Element | undefined): string {
  if (!text) return '';
  const parts: string[] = [];
  for (let n = text.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3 && textOf(n as unknown as Element) !== '') parts.push(`<p>${escapeHtml(textOf(n as unknown as Element))}</p>`);
    if (n.nodeType !== 1) continue;
    const el = n as Element;
    if (el.localName === 'table') parts.push(narrativeTable(el));
    else parts.push(`<p>${escapeHtml(textOf(el))}</p>`);
  }
  return parts.join('');
}

function narrativeTable(table: Element): string {
  const rows = [...children(at(table, 'thead'), 'tr'), ...children(at(table, 'tbody'), 'tr')];
  const html = rows.map((tr) => {
    const cells = [...children(tr, 'th').map((c) => `<th>${escapeHtml(textOf(c))}</th>`), ...children(tr, 'td').map((c) => `<td>${escapeHtml(textOf(c))}</td>`)];
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table>${html.join('')}</table>`;
}

function sections(parent: Element | undefined, depth: number): string {
  return children(parent, 'component')
    .map((component) => at(component, 'section'))
    .filter((s): s is Element => s !== undefined)
    .map((s) => {
      const level = Math.min(depth + 3, 6);
      return `<section><h${level}>${escapeHtml(textOf(at(s, 'title')))}</h${level}>${narrative(at(s, 'text'))}${sections(s, depth + 1)}</section>`;
    })
    .join('');
}

export function renderPreview(xml: string): Preview {
  const root = parse(xml);
  const title = textOf(at(root, 'title'));
  const html = [
    '<article class="semd-preview" lang="ru">',
    `<h2>${escapeHtml(title)}</h2>`,
    headerTable(root),
    sections(at(root, 'component', 'structuredBody'), 0),
    '</article>',
  ].join('');
  return { title, html };
}
