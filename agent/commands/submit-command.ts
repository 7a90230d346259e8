/**
 * `egisz-agent submit FILE.json… [--kind K] [--pin-env VAR] [--data-dir DIR]`
 * queues records from files (MIS exports, scripts) through the running
 * agent: it validates each record, builds the SEMD, signs it with the
 * configured token and hands it to the outbox (or the gateway). One line per
 * record: `OK <localUid> <state>` or `ERR <file>[#n] <code>: <message>`.
 * The PIN comes from the environment variable named by --pin-env, or from
 * stdin — never from argv, where `ps` would show it.
 * Exit 0 all queued, 1 some refused, 2 usage, no PIN or no agent.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../config.ts';
import { adminClient, AgentUnreachable } from './outbox-admin-client.ts';
import { readPin } from './submit-pin.ts';
import { notARecordReason } from './validate-command.ts';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals: files } = parseArgs({
    args, allowPositionals: true,
    options: { kind: { type: 'string' }, 'pin-env': { type: 'string' }, 'data-dir': { type: 'string' } },
  });
  if (!files.length) {
    io.stderr('usage: egisz-agent submit FILE.json… [--kind K] [--pin-env VAR] [--data-dir DIR]\n');
    return 2;
  }
  let call: ReturnType<typeof adminClient>;
  try {
    call = adminClient(values['data-dir'] ? resolve(values['data-dir']) : defaultDataDir());
  } catch (err) {
    io.stderr(`egisz-agent submit: ${(err as Error).message}\n`);
    return 2;
  }
  const pin = await readPin(values['pin-env'], io);
  if (!pin) {
    io.stderr('egisz-agent submit: нет PIN-кода (укажите --pin-env VAR или передайте PIN на stdin)\n');
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    for (const [label, record] of await recordsOf(file)) {
      const line = typeof record === 'string' ? `ERR ${label} SUBMIT_NOT_A_RECORD: ${record}` : await submitOne(call, label, record, pin, values.kind);
      if (line === undefined) return 2;
      if (line.startsWith('ERR')) failed++;
      io.stdout(`${line}\n`);
    }
  }
  return failed ? 1 : 0;

  async function submitOne(send: typeof call, label: string, record: object, secret: string, kind?: string): Promise<string | undefined> {
    try {
      const reply = await send('POST', '/submit', { record, pin: secret, ...(kind ? { kind } : {}) });
      const b = reply.body;
      if (reply.status === 200 || reply.status === 201) return `OK ${String(b.localUid)} ${String(b.state)}${b.duplicate ? ' (уже в очереди)' : ''}`;
      const issues = (b.issues as { path: string; code: string; severity: string }[] | undefined)
        ?.filter((i) => i.severity === 'error').map((i) => `${i.path} ${i.code}`).join('; ');
      return `ERR ${label} ${String(b.code)}: ${String(b.message)}${issues ? ` [${issues}]` : ''}`;
    } catch (err) {
      if (!(err instanceof AgentUnreachable)) throw err;
      io.stderr(`egisz-agent submit: ${err.message}\n`);
      return undefined;
    }
  }
}

/** The records of a file (one object or an array), each labelled; a string in place of a record says why it is not one. */
async function recordsOf(file: string): Promise<[string, object | string][]> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    return [[file, `не удалось прочитать JSON: ${(err as Error).message}`]];
  }
  const list = Array.isArray(value) ? value : [value];
  return list.map((record, i) => {
    const label = Array.isArray(value) ? `${file}#${i}` : file;
    const reason = notARecordReason(record);
    return [label, reason ?? (record as object)];
  });
}
