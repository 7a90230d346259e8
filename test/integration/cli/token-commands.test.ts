/**
 * `egisz-agent certs` and `egisz-agent sign` against a real SoftHSM2 token,
 * with OpenSSL as the judge of the signature.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { main } from '../../../agent/cli.ts';
import { createTokenFixture, type TokenFixture } from '../../support/token-fixture.ts';

let token: TokenFixture;

beforeAll(async () => {
  token = await createTokenFixture();
  process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
});

afterAll(async () => {
  delete process.env.SOFTHSM2_CONF;
  delete process.env.TEST_TOKEN_PIN;
  await token?.cleanup();
});

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; } });
  return { code, stdout, stderr };
}

test('certs lists the token and the doctor\'s certificate', async () => {
  const { code, stdout } = await cli(['certs', '--module', token.modulePath]);
  expect(code).toBe(0);
  expect(stdout).toContain(`Токен «${token.label}»`);
  expect(stdout).toContain('Иванова Мария Петровна, СНИЛС 11223344595');
  expect(stdout).toMatch(/отпечаток [0-9a-f]{64}/);
});

test('sign writes a detached CAdES-BES that OpenSSL verifies against the file', async () => {
  const file = join(token.dir, 'protocol.xml');
  const sig = join(token.dir, 'protocol.xml.sig');
  writeFileSync(file, '<ClinicalDocument>тест</ClinicalDocument>');
  process.env.TEST_TOKEN_PIN = token.pin;
  const { code, stdout } = await cli(['sign', file, '--module', token.modulePath, '-o', sig, '--pin-env', 'TEST_TOKEN_PIN']);
  expect(code).toBe(0);
  expect(stdout).toContain('подписано сертификатом Иванова Мария Петровна');
  const verified = execFileSync('openssl', ['cms', '-verify', '-cades', '-binary', '-inform', 'DER', '-in', sig, '-content', file,
    '-CAfile', token.caFile, '-purpose', 'any', '-out', '/dev/null'], { stdio: 'pipe' });
  expect(verified).toBeDefined();
  expect(readFileSync(sig)[0]).toBe(0x30);
});

test('a wrong PIN fails with the token\'s code, and the PIN is never taken from argv', async () => {
  const file = join(token.dir, 'protocol.xml');
  process.env.TEST_TOKEN_PIN = '000000';
  const wrong = await cli(['sign', file, '--module', token.modulePath, '-o', join(token.dir, 'x.sig'), '--pin-env', 'TEST_TOKEN_PIN']);
  expect(wrong.code).toBe(1);
  expect(wrong.stderr).toContain('TOKEN_PIN_INCORRECT');
  const argvPin = await cli(['sign', file, '--pin', token.pin, '-o', join(token.dir, 'y.sig')]);
  expect(argvPin.code).toBe(2);
});
