/**
 * `egisz-agent validate FILE.json`: validates a record (or an array of records)
 * exactly as the agent does before building a SEMD, and prints
 * {"ok": bool, "issues": [...]}. Exit 0: no errors (warnings allowed);
 * 1: errors; 2: the input is not a record (message on stderr, no stack trace).
 * For an array, each issue path starts with the record's index: "3.patient.snils".
 */
import { readFile } from 'node:fs/promises';
import type { DraftRecord } from '../../shared/domain/record.ts';
import { hasErrors, type Issue } from '../../shared/validate/issue.ts';
import { validateRecord } from '../../shared/validate/validate-record.ts';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const SECTIONS = ['patient', 'practitioner', 'organization', 'encounter', 'document'] as const;

/** Why a value is not a record, or undefined when it is one. */
export function notARecordReason(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'ожидается JSON-объект записи / expected a record object';
  }
  const record = value as Record<string, unknown>;
  if (!SECTIONS.some((s) => s in record)) {
    return `нет ни одного раздела ${SECTIONS.join(', ')} / none of the record sections is present`;
  }
  const bad = SECTIONS.filter((s) => s in record && (typeof record[s] !== 'object' || record[s] === null || Array.isArray(record[s])));
  if (bad.length > 0) return `раздел ${bad.join(', ')} должен быть объектом / section ${bad.join(', ')} must be an object`;
  return undefined;
}

async function readJson(file: string): Promise<{ value: unknown } | { problem: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    return { problem: `не удалось прочитать файл (${code}) / cannot read the file` };
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    return { problem: `файл не является JSON / not JSON: ${(e as Error).message}` };
  }
}

export async function runValidateCommand(file: string, io: Io): Promise<number> {
  const notRecord = (reason: string) => {
    io.stderr(`${file}: это не запись документа / not a record: ${reason}\n`);
    return 2;
  };
  if (!file) return notRecord('укажите файл: egisz-agent validate FILE.json / give a file');
  const read = await readJson(file);
  if ('problem' in read) return notRecord(read.problem);
  const records = Array.isArray(read.value) ? read.value : [read.value];
  if (records.length === 0) return notRecord('пустой массив / empty array');
  const now = new Date();
  const issues: Issue[] = [];
  for (const [index, record] of records.entries()) {
    const reason = notARecordReason(record);
    if (reason) return notRecord(Array.isArray(read.value) ? `запись ${index} / record ${index}: ${reason}` : reason);
    const found = validateRecord(record as DraftRecord, { now });
    if (Array.isArray(read.value)) for (const issue of found) issue.path = `${index}.${issue.path}`;
    issues.push(...found);
  }
  const ok = !hasErrors(issues);
  io.stdout(`${JSON.stringify({ ok, issues }, null, 2)}\n`);
  return ok ? 0 : 1;
}
