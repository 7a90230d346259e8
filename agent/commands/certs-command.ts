/** `egisz-agent certs [--module LIB] [--token LABEL] [--json]`: tokens, their certificates and warnings. */
import { parseArgs } from 'node:util';
import { listTokenCertificates } from '../signing/signing-commands.ts';
import { tokenModuleConfig } from './token-module-option.ts';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export async function run(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args, options: { module: { type: 'string' }, token: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const listing = await listTokenCertificates(tokenModuleConfig(values.module, values.token));
  if (values.json) {
    io.stdout(JSON.stringify(listing, null, 2) + '\n');
    return 0;
  }
  if (listing.length === 0) io.stdout('Токенов не найдено: подключите токен и проверьте модуль PKCS#11 (--module).\n');
  for (const { token, certificates } of listing) {
    io.stdout(`Токен «${token.label}» (слот ${token.slotId}, серийный № ${token.serialNumber})\n`);
    if (certificates.length === 0) io.stdout('  сертификатов нет\n');
    for (const { keyId, keyAlgorithm, summary } of certificates) {
      io.stdout(`  ${summary.owner}${summary.snils ? `, СНИЛС ${summary.snils}` : ''} — ${keyAlgorithm}, CKA_ID ${keyId}\n`);
      io.stdout(`    действует ${summary.notBefore.slice(0, 10)} — ${summary.notAfter.slice(0, 10)}, издатель ${summary.issuer}\n`);
      io.stdout(`    отпечаток ${summary.fingerprint}\n`);
      for (const w of summary.warnings) io.stdout(`    ${w.severity === 'error' ? 'ОШИБКА' : 'внимание'}: ${w.message}\n`);
    }
  }
  return 0;
}
