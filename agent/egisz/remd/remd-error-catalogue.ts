/**
 * REMD message codes, NSI 1.2.643.5.1.13.13.99.2.305 v3.18 (data/nsi-305-error-codes.csv,
 * see data/SOURCES.md), with our judgement of whether retrying can help.
 */
import { readFileSync } from 'node:fs';

export interface RemdErrorCode {
  code: string;
  id: number;
  /** The dictionary's Russian text, verbatim. */
  description: string;
  /** True when the same request may succeed later (egisz.md §6, «Retry helps?»). */
  retriable: boolean;
}

/** Transient on the REMD side or on the MIS file service side. */
const RETRIABLE = new Set([
  'RATE_LIMIT', 'INTERNAL_ERROR', 'RUNTIME_ERROR', 'MIS_NOT_AVAILABLE', 'MIS_ERROR', 'RMIS_ERROR',
  'GET_DOCUMENT_FILE_ERROR', 'CA_INACCESSIBILITY', 'ASYNC_RESPONSE_TIMEOUT', 'VALSYS_REJECT',
  'VALSYS_INTERNAL_ERROR', 'XML_VALIDATOR_ERROR', 'SCHEMA_PROCESSING_ERROR',
]);

/** Split one CSV line (RFC 4180 quoting: "" inside quotes is a quote). */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') { field += '"'; i++; }
    else if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) { fields.push(field); field = ''; }
    else field += ch;
  }
  fields.push(field);
  return fields;
}

function load(): Map<string, RemdErrorCode> {
  const text = readFileSync(new URL('./data/nsi-305-error-codes.csv', import.meta.url), 'utf8');
  const rows = text.split(/\r?\n/).slice(1).filter((l) => l.trim() !== '');
  const map = new Map<string, RemdErrorCode>();
  for (const row of rows) {
    const [code = '', id = '', description = ''] = splitCsvLine(row);
    map.set(code, { code, id: Number(id), description, retriable: RETRIABLE.has(code) });
  }
  return map;
}

const catalogue = load();

export function remdErrorCode(code: string): RemdErrorCode | undefined {
  return catalogue.get(code);
}

export function allRemdErrorCodes(): RemdErrorCode[] {
  return [...catalogue.values()];
}

/** Whether retrying an error with this code may help; unknown codes are not retried. */
export function isRetriableRemdCode(code: string): boolean {
  return catalogue.get(code)?.retriable ?? false;
}

/**
 * An error item as REMD sends it. A string is appended to the dictionary text
 * (REMD puts variable values in [brackets]); an array fills the text's own
 * empty `[]` slots in order. Throws on a code not in NSI 305, so the sandbox
 * can never invent one.
 */
export function remdError(code: string, particulars?: string | readonly string[]): { code: string; message: string } {
  const entry = catalogue.get(code);
  if (!entry) throw new Error(`not an NSI 305 code: ${code}`);
  if (Array.isArray(particulars)) {
    let i = 0;
    return { code, message: entry.description.replace(/\[\]/g, () => `[${particulars[i++] ?? ''}]`) };
  }
  return { code, message: particulars ? `${entry.description}: ${particulars}` : entry.description };
}
