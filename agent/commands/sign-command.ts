/**
 * `egisz-agent sign FILE --module LIB [--token LABEL] [--cert ID] -o FILE.sig [--pin-env VAR]`:
 * a detached CAdES-BES of FILE. The PIN comes from stdin or --pin-env, never argv.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { TokenError } from '../signing/token-client.ts';
import { signFileDetached } from '../signing/signing-commands.ts';
import { readPin, tokenModuleConfig } from './token-module-option.ts';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export async function run(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: {
      module: { type: 'string' }, token: { type: 'string' }, cert: { type: 'string' },
      output: { type: 'string', short: 'o' }, 'pin-env': { type: 'string' },
    },
  });
  const [file] = positionals;
  if (!file || !values.output || positionals.length > 1) {
    io.stderr('usage: egisz-agent sign FILE [--module LIB] [--token LABEL] [--cert ID] -o FILE.sig [--pin-env VAR]\n');
    return 2;
  }
  const config = tokenModuleConfig(values.module, values.token);
  const pin = await readPin(values['pin-env']);
  try {
    const { signature, certificate } = await signFileDetached({ config, content: readFileSync(file), certificate: values.cert, pin });
    writeFileSync(values.output, signature);
    io.stdout(`${values.output}: подписано сертификатом ${certificate.owner} (${certificate.fingerprint.slice(0, 16)}…)\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof TokenError)) throw err;
    io.stderr(`${err.code}: ${err.message}\n`);
    return 1;
  }
}
