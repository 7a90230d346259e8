/**
 * `egisz-agent semd build FILE.json --kind K -o out.xml` and
 * `egisz-agent semd check out.xml [--kind K]`: the SEMD builder and the local
 * XSD + Schematron check from the command line. The dispatcher (agent/cli.ts)
 * calls `run`. Exit codes: 0 fine, 1 the record or the document has errors
 * (JSON report on stdout), 2 bad input or usage (message on stderr).
 */
import { randomUUID } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { ClinicalRecord, DraftRecord } from '../../shared/domain/record.ts';
import { hasErrors } from '../../shared/validate/issue.ts';
import { validateRecord } from '../../shared/validate/validate-record.ts';
import { parseCareFacts, recordCareFacts, type CareFacts } from '../semd/care-facts.ts';
import { checkSemd } from '../semd/semd-check.ts';
import { buildSemd, kindOfTemplate } from '../semd/semd-builders.ts';
import { SemdError } from '../semd/semd-error.ts';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

interface Parsed {
  positional: string[];
  options: Map<string, string>;
}

const VALUE_OPTIONS = new Set(['--kind', '-o', '--out', '--facts', '--set-id', '--version']);

function parseArgs(args: readonly string[]): Parsed | string {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('-')) positional.push(arg);
    else if (!VALUE_OPTIONS.has(arg)) return `неизвестный параметр ${arg} / unknown option`;
    else if (args[i + 1] === undefined) return `у параметра ${arg} нет значения / option needs a value`;
    else options.set(arg === '--out' ? '-o' : arg, args[++i] ?? '');
  }
  return { positional, options };
}

async function readText(file: string): Promise<string | { problem: string }> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    return { problem: `${file}: не удалось прочитать файл (${(e as NodeJS.ErrnoException).code ?? 'error'}) / cannot read the file` };
  }
}

async function readJsonFile(file: string): Promise<unknown | { problem: string }> {
  const text = await readText(file);
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    return { problem: `${file}: файл не является JSON / not JSON: ${(e as Error).message}` };
  }
}

const isProblem = (v: unknown): v is { problem: string } => typeof v === 'object' && v !== null && 'problem' in v;

/** `semd build FILE.json [--kind K] [-o out.xml] [--facts facts.json] [--set-id ID --version N]`. */
export async function runSemdBuild(args: readonly string[], io: Io): Promise<number> {
  const fail = (message: string) => (io.stderr(`semd build: ${message}\n`), 2);
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') return fail(parsed);
  const [file] = parsed.positional;
  if (!file) return fail('укажите файл записи / give a record file: semd build FILE.json --kind 119 -o out.xml');
  const value = await readJsonFile(file);
  if (isProblem(value)) return fail(value.problem);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('ожидается JSON-объект записи / expected a record object');
  const draft = value as DraftRecord;
  const kind = parsed.options.get('--kind');
  if (kind) draft.document = { ...draft.document, kind };
  const issues = validateRecord(draft, { now: new Date() });
  if (hasErrors(issues)) {
    io.stdout(`${JSON.stringify({ ok: false, issues }, null, 2)}\n`);
    return 1;
  }
  let facts: CareFacts = {};
  const factsFile = parsed.options.get('--facts');
  if (factsFile) {
    const read = await readJsonFile(factsFile);
    if (isProblem(read)) return fail(read.problem);
    const parsed = parseCareFacts(read);
    if ('problem' in parsed) return fail(`${factsFile}: ${parsed.problem}`);
    facts = parsed;
  }
  const record = draft as ClinicalRecord;
  const localUid = record.document.localUid ?? randomUUID();
  const version = Number(parsed.options.get('--version') ?? '1');
  if (!Number.isInteger(version) || version < 1) return fail('--version: целое число от 1 / a whole number from 1');
  const identity = { localUid, setId: parsed.options.get('--set-id') ?? localUid, versionNumber: version };
  try {
    // As the agent builds: what the record states itself (condition, referral, study) wins over --facts.
    const built = buildSemd(record, identity, recordCareFacts(record, facts));
    const out = parsed.options.get('-o');
    if (out) await writeFile(out, built.xml);
    else io.stdout(built.xml);
    if (out) io.stdout(`${JSON.stringify({ ok: true, kind: built.kind, title: built.title, localUid, out })}\n`);
    return 0;
  } catch (e) {
    if (e instanceof SemdError) return fail(`${e.code}: ${e.message}`);
    throw e;
  }
}

/** `semd check out.xml [--kind K]`: prints {ok, kind, xsd, schematron, issues}. */
export async function runSemdCheck(args: readonly string[], io: Io): Promise<number> {
  const fail = (message: string) => (io.stderr(`semd check: ${message}\n`), 2);
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') return fail(parsed);
  const [file] = parsed.positional;
  if (!file) return fail('укажите файл СЭМД / give a SEMD file: semd check out.xml');
  const xml = await readText(file);
  if (typeof xml !== 'string') return fail(xml.problem);
  const templateId = /<templateId\b[^>]*\broot\s*=\s*["']([^"']+)["']/.exec(xml)?.[1];
  const kind = parsed.options.get('--kind') ?? (templateId ? kindOfTemplate(templateId) : undefined);
  if (!kind) return fail('вид СЭМД не определён по templateId: укажите --kind / cannot tell the kind, pass --kind');
  try {
    const result = await checkSemd(xml, kind);
    io.stdout(`${JSON.stringify({ kind, ...result }, null, 2)}\n`);
    return result.ok ? 0 : 1;
  } catch (e) {
    if (e instanceof SemdError) return fail(`${e.code}: ${e.message}`);
    throw e;
  }
}

/** `semd build …` / `semd check …`. */
export async function run(args: readonly string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'build') return runSemdBuild(rest, io);
  if (sub === 'check') return runSemdCheck(rest, io);
  io.stderr('usage: egisz-agent semd build FILE.json [--kind K] [-o out.xml] [--facts FILE.json] [--set-id ID --version N]\n       egisz-agent semd check out.xml [--kind K]\n');
  return 2;
}
