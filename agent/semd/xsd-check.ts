/**
 * XSD validation of a SEMD against the Ministry's schema set for its kind
 * (schemas/<kind>/CDA.xsd plus POCD_MT000040.xsd, coreschemas/ and, for the
 * newer kinds, the Russian extension XSDs), with libxml2 compiled to wasm.
 * The schema files are read once per kind and cached.
 */
import { readdir, readFile } from 'node:fs/promises';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';
import { SemdError } from './semd-error.ts';

export interface XsdError {
  line?: number;
  message: string;
}

export interface XsdResult {
  ok: boolean;
  errors: XsdError[];
}

const schemasRoot = new URL('./schemas/', import.meta.url);
const entryPoint = 'CDA.xsd';
const schemaSets = new Map<string, Promise<XMLFileInfo[]>>();

async function loadSchemaSet(kind: string): Promise<XMLFileInfo[]> {
  if (!/^\d+$/.test(kind)) throw new SemdError('DOCUMENT_SCHEMA_MISSING', `Нет XSD-схемы для вида СЭМД «${kind}»`);
  const dir = new URL(`${kind}/`, schemasRoot);
  let names: string[];
  try {
    names = (await readdir(dir, { recursive: true })).filter((n) => n.endsWith('.xsd'));
  } catch {
    throw new SemdError('DOCUMENT_SCHEMA_MISSING', `Нет XSD-схемы для вида СЭМД «${kind}»`);
  }
  const files = await Promise.all(
    names.sort().map(async (name) => ({ fileName: name.replaceAll('\\', '/'), contents: await readFile(new URL(name, dir)) })),
  );
  return files;
}

function schemaSet(kind: string): Promise<XMLFileInfo[]> {
  let set = schemaSets.get(kind);
  if (!set) {
    set = loadSchemaSet(kind);
    // A failed load is not cached, so a later call may succeed.
    set.catch(() => schemaSets.delete(kind));
    schemaSets.set(kind, set);
  }
  return set;
}

export async function checkXsd(xml: string, kind: string): Promise<XsdResult> {
  const files = await schemaSet(kind);
  const schema = files.find((f) => f.fileName === entryPoint);
  if (!schema) throw new SemdError('DOCUMENT_SCHEMA_MISSING', `Нет XSD-схемы для вида СЭМД «${kind}»`);
  const result = await validateXML({
    xml: { fileName: 'document.xml', contents: xml },
    schema,
    preload: files.filter((f) => f !== schema),
  });
  const errors = result.errors.map((e) => ({
    ...(e.loc ? { line: e.loc.lineNumber } : {}),
    message: e.message.trim(),
  }));
  return { ok: result.valid, errors };
}
