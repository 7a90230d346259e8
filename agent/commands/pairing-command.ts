/**
 * `egisz-agent pairing code|list|revoke CLIENTID [--data-dir DIR]` — through the
 * running agent's admin API: a new one-time pairing code, the paired extension
 * installs, or revoking one (its open connections are dropped at once).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../config.ts';
import { adminClient, AgentUnreachable } from './outbox-admin-client.ts';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const USAGE = 'usage: egisz-agent pairing code | list | revoke CLIENTID  [--data-dir DIR]\n';

export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'data-dir': { type: 'string' } } });
  const [action, clientId] = positionals;
  if (!(action === 'code' || action === 'list' || (action === 'revoke' && clientId))) {
    io.stderr(USAGE);
    return 2;
  }
  try {
    const call = adminClient(values['data-dir'] ? resolve(values['data-dir']) : defaultDataDir());
    if (action === 'code') {
      const { body } = await call('POST', '/pairing/code');
      io.stdout(`Код сопряжения: ${String(body.code)} (введите в настройках расширения; действует ${String(body.validMinutes)} минут)\n`);
      return 0;
    }
    if (action === 'list') {
      const { body } = await call('GET', '/pairing');
      const clients = body.clients as { clientId: string; pairedAt: string }[];
      if (clients.length === 0) io.stdout('Сопряжённых расширений нет.\n');
      for (const c of clients) io.stdout(`${c.clientId}  сопряжено ${c.pairedAt}\n`);
      return 0;
    }
    const reply = await call('POST', '/pairing/revoke', { clientId });
    if (reply.status !== 200) {
      io.stderr(`${String(reply.body.code)}: ${String(reply.body.message)}\n`);
      return 1;
    }
    io.stdout(`Сопряжение ${clientId} отозвано.\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof AgentUnreachable)) throw err;
    io.stderr(`${err.message}\n`);
    return 2;
  }
}
