/**
 * The full local check of a SEMD before it is signed: the official XSD, then
 * the official Schematron, as REMD runs them after submission. The result is
 * also given as Issues on record fields, for the confirm page and the panel.
 */
import type { ClinicalRecord } from '../../shared/domain/record.ts';
import type { Issue } from '../../shared/validate/issue.ts';
import { checkSchematron, type SchematronFinding } from './schematron-check.ts';
import { ruleSet } from './schematron-rules.ts';
import { fieldPathOf } from './semd-field-paths.ts';
import { checkXsd, preloadXsd, type XsdError } from './xsd-check.ts';

export interface SemdCheck {
  ok: boolean;
  xsd: XsdError[];
  schematron: SchematronFinding[];
  issues: Issue[];
}

function xsdIssue(error: XsdError, kind: string): Issue {
  const where = error.line ? ` (строка ${error.line})` : '';
  const path = error.location ? fieldPathOf({ location: error.location, kind }) : undefined;
  return {
    path: path ?? 'document',
    code: 'DOCUMENT_XSD_INVALID',
    severity: 'error',
    message: `СЭМД не соответствует XSD-схеме${where}: ${error.message}`,
    ...(error.location ? { hint: `Элемент ${error.location}` } : {}),
    remdCode: 'VALIDATION_ERROR',
  };
}

const careFactHint = 'Этих сведений нет в записи документа: их задают в настройках клиники для вида документа (care facts).';

function schematronIssue(finding: SchematronFinding): Issue {
  const careFact = finding.path?.startsWith('careFacts.') === true;
  return {
    path: finding.path ?? 'document',
    code: 'DOCUMENT_SCHEMATRON_FAILED',
    severity: 'error',
    message: `Правило ${finding.ruleId ?? 'Schematron'} не выполнено: ${finding.message}`,
    hint: careFact ? careFactHint : `Элемент ${finding.location}${finding.line ? `, строка ${finding.line}` : ''}`,
    remdCode: 'VALIDATION_ERROR',
  };
}

/** Record parts the clinic's care facts stand in for when a record leaves them out (recordCareFacts). */
const factParts = ['referral', 'study'] as const;

/**
 * Findings on a referral's or a study's content point at the record's part
 * when the record states it (the doctor fixes it on the form), else at the
 * clinic's care facts the builder took it from.
 */
export function attributeFindings(check: SemdCheck, record: Partial<Pick<ClinicalRecord, (typeof factParts)[number]>>): SemdCheck {
  const fromSettings = (path: string) => factParts.find((part) => !record[part] && (path === part || path.startsWith(`${part}.`)));
  const issues = check.issues.map((issue) => {
    const part = fromSettings(issue.path);
    return part ? { ...issue, path: `careFacts.${issue.path}`, hint: careFactHint } : issue;
  });
  return { ...check, issues };
}

/**
 * XSD first: a document the schema rejects is not worth the Schematron run,
 * whose findings would only repeat the same gap.
 */
export async function checkSemd(xml: string, kind: string): Promise<SemdCheck> {
  const xsd = await checkXsd(xml, kind);
  if (!xsd.ok) return { ok: false, xsd: xsd.errors, schematron: [], issues: xsd.errors.map((e) => xsdIssue(e, kind)) };
  const schematron = await checkSchematron(xml, kind);
  return { ok: schematron.ok, xsd: [], schematron: schematron.findings, issues: schematron.findings.map(schematronIssue) };
}

/** Loads the XSD and Schematron of these kinds now, so that the first document is not the slow one. */
export async function preloadSemdChecks(kinds: readonly string[]): Promise<void> {
  await Promise.all(kinds.flatMap((kind) => [preloadXsd(kind), ruleSet(kind)]));
}
