/**
 * The file against the kind's official XSD and Schematron (egisz.md §1.4
 * step 6, §6 «XSD / Schematron»): findings come back as VALIDATION_ERROR with
 * the validator's text, Schematron ones with rule id and path. Schematron may
 * be set to `warn` (registration warnings), since a record may lack facts the
 * rules demand (see agent/semd), or `off`, since it is slow.
 */
import { remdError } from '../egisz/remd/remd-error-catalogue.ts';
import type { RemdErrorItem } from '../egisz/remd/remd-error-items.ts';
import type { Element } from '../egisz/remd/xml-reader.ts';

export type CheckXsd = (xml: string, kind: string) => Promise<{ ok: boolean; errors: { line?: number; message: string }[] }>;
/** Takes the text, or the root already parsed for the rules (parseForSchematron), so the file is parsed once. */
export type CheckSchematron = (xml: string | Element, kind: string) => Promise<{ ok: boolean; findings: { message: string; location: string }[] }>;
export type SchematronMode = 'enforce' | 'warn' | 'off';

/** REMD lists a bounded number of findings; so do we. */
const MAX_FINDINGS = 10;

export async function xsdErrors(xml: string, kind: string, checkXsd: CheckXsd): Promise<RemdErrorItem[]> {
  let result;
  try {
    result = await checkXsd(xml, kind);
  } catch {
    return [remdError('VALIDATION_ERROR', `Вид документа [${kind}] не поддерживается: нет XSD-схемы`)];
  }
  if (result.ok) return [];
  return result.errors.slice(0, MAX_FINDINGS).map((e) => remdError('VALIDATION_ERROR', e.line ? `строка ${e.line}: ${e.message}` : e.message));
}

export async function schematronFindings(
  xml: string | Element,
  kind: string,
  checkSchematron: CheckSchematron,
  mode: SchematronMode,
): Promise<{ errors: RemdErrorItem[]; warnings: RemdErrorItem[] }> {
  if (mode === 'off') return { errors: [], warnings: [] };
  let result;
  try {
    result = await checkSchematron(xml, kind);
  } catch {
    // No Schematron for this kind here (or the file is not a CDA, which XSD reports).
    return { errors: [], warnings: [] };
  }
  const items = result.findings.slice(0, MAX_FINDINGS).map((f) => remdError('VALIDATION_ERROR', `${f.message} ${f.location}`));
  return mode === 'enforce' ? { errors: items, warnings: [] } : { errors: [], warnings: items };
}
