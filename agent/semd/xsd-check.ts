/**
 * XSD validation of a SEMD against the Ministry's schema set for its kind
 * (schemas/<kind>/CDA.xsd plus POCD_MT000040.xsd, coreschemas/ and, for the
 * newer kinds, the Russian extension XSDs), with libxml2 compiled to wasm.
 *
 * libxml2-wasm rather than xmllint-wasm: xmllint recompiles the ~300 KB schema
 * set on every call (≈ 0.3–0.5 s); here each kind's schema is compiled once
 * and a check takes about a millisecond. The schema files are served to
 * libxml2's xs:include from memory, under a private path prefix.
 */
import { readdir, readFile } from 'node:fs/promises';
import {
  XmlBufferInputProvider,
  XmlDocument,
  XmlLibError,
  xmlRegisterInputProvider,
  XsdValidator,
  type ErrorDetail,
} from 'libxml2-wasm';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { elementAtPositions, locationOf } from './element-location.ts';
import { SemdError } from './semd-error.ts';

export interface XsdError {
  line?: number;
  message: string;
  /** The element the error is about, e.g. /ClinicalDocument/recordTarget/patientRole/addr. */
  location?: string;
}

export interface XsdResult {
  ok: boolean;
  errors: XsdError[];
}

const schemasRoot = new URL('./schemas/', import.meta.url);
const virtualRoot = '/egisz-bridge-semd-schemas';
const schemaFiles = new XmlBufferInputProvider({});
let providerRegistered = false;
const validators = new Map<string, Promise<XsdValidator>>();

const missing = (kind: string) => new SemdError('DOCUMENT_SCHEMA_MISSING', `Нет XSD-схемы для вида СЭМД «${kind}»`);

async function compile(kind: string): Promise<XsdValidator> {
  if (!/^\d+$/.test(kind)) throw missing(kind);
  const dir = new URL(`${kind}/`, schemasRoot);
  const names = await readdir(dir, { recursive: true }).catch(() => {
    throw missing(kind);
  });
  if (!providerRegistered) providerRegistered = xmlRegisterInputProvider(schemaFiles);
  for (const name of names.filter((n) => n.endsWith('.xsd'))) {
    schemaFiles.addBuffer(`${virtualRoot}/${kind}/${name.replaceAll('\\', '/')}`, await readFile(new URL(name, dir)));
  }
  const entry = `${virtualRoot}/${kind}/CDA.xsd`;
  const source = await readFile(new URL('CDA.xsd', dir)).catch(() => {
    throw missing(kind);
  });
  // The parsed schema document stays alive with the validator for the whole process.
  return XsdValidator.fromDoc(XmlDocument.fromBuffer(source, { url: entry }));
}

function validatorFor(kind: string): Promise<XsdValidator> {
  let validator = validators.get(kind);
  if (!validator) {
    validator = compile(kind);
    validator.catch(() => validators.delete(kind));
    validators.set(kind, validator);
  }
  return validator;
}

/** Compiles a kind's schema ahead of the first check (about half a second each). */
export async function preloadXsd(kind: string): Promise<void> {
  await validatorFor(kind);
}

/** libxml2 names the element by position (`/` and `*[n]` steps); findings name it by element names. */
function namedLocations(xml: string): (positions: string | undefined) => string | undefined {
  let root: Element | null | undefined;
  return (positions) => {
    if (!positions) return undefined;
    root ??= new DOMParser({ onError: () => undefined }).parseFromString(xml, 'text/xml').documentElement;
    const el = root ? elementAtPositions(root, positions) : undefined;
    return el ? locationOf(el) : undefined;
  };
}

function toErrors(details: readonly ErrorDetail[], xml?: string): XsdError[] {
  const locate = xml === undefined ? () => undefined : namedLocations(xml);
  return details.map((d) => {
    const location = locate(d.xpath);
    return { ...(d.line ? { line: d.line } : {}), message: d.message.trim(), ...(location ? { location } : {}) };
  });
}

export async function checkXsd(xml: string, kind: string): Promise<XsdResult> {
  const validator = await validatorFor(kind);
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromString(xml);
  } catch (e) {
    if (e instanceof XmlLibError) return { ok: false, errors: toErrors(e.details) };
    return { ok: false, errors: [{ message: e instanceof Error ? e.message : String(e) }] };
  }
  try {
    validator.validate(doc);
    return { ok: true, errors: [] };
  } catch (e) {
    if (e instanceof XmlLibError) return { ok: false, errors: toErrors(e.details, xml) };
    throw e;
  } finally {
    doc.dispose();
  }
}
