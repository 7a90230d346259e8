import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readChainCertificate } from '../../../../agent/signing/chain-certificate.ts';
import { buildChain } from '../../../../agent/signing/certificate-chain.ts';
import { KEY_USAGE, toPem } from '../../../../agent/signing/certificate-issuer.ts';
import { loadTrustStore, trustStoreOf } from '../../../../agent/signing/trust-store.ts';
import { DAY, makeCa, makeIntermediate, makeLeaf } from './test-certificates.ts';

const read = readChainCertificate;
const now = new Date();

describe('buildChain', () => {
  const root = makeCa({ country: 'RU', commonName: 'Корневой УЦ' });
  const intermediate = makeIntermediate(root);
  const leaf = makeLeaf(intermediate, { crlUrls: ['http://ca.example/ca.crl'] });
  const store = trustStoreOf([read(root.der)]);

  test('goes from the signer through an intermediate to the trusted root, verifying each signature', () => {
    const verdict = buildChain(read(leaf.der), [read(intermediate.der)], store, now);
    expect(verdict.ok).toBe(true);
    if (verdict.ok) expect(verdict.chain.map((c) => c.commonName)).toEqual(['Иванова Мария Петровна', 'Тестовый промежуточный УЦ', 'Корневой УЦ']);
    expect(read(leaf.der).crlUrls).toEqual(['http://ca.example/ca.crl']);
  });

  test('finds the intermediate in the store when the token does not hold it', () => {
    const withIntermediate = trustStoreOf([read(root.der), read(intermediate.der)]);
    expect(buildChain(read(leaf.der), [], withIntermediate, now).ok).toBe(true);
  });

  test('without the intermediate, or with a root nobody trusts, there is no chain', () => {
    expect(buildChain(read(leaf.der), [], store, now)).toMatchObject({ ok: false, problem: 'no-issuer' });
    const other = trustStoreOf([read(makeCa({ country: 'RU', commonName: 'Другой УЦ' }).der)]);
    const verdict = buildChain(read(leaf.der), [read(intermediate.der)], other, now);
    expect(verdict).toMatchObject({ ok: false, problem: 'no-issuer' });
    if (!verdict.ok) expect(verdict.message).toContain('Сертификат «Тестовый промежуточный УЦ» выдан УЦ, которого нет в списке аккредитованных: «Корневой УЦ»');
  });

  test('a certificate from another CA of the same name fails on the signature', () => {
    const impostor = makeIntermediate(makeCa({ country: 'RU', commonName: 'Корневой УЦ' }));
    const forged = makeLeaf(impostor);
    // Same names, no key identifier to tell them apart: the signature does.
    const bare = { ...read(forged.der), authorityKeyId: undefined };
    expect(buildChain(bare, [read(intermediate.der)], store, now)).toMatchObject({ ok: false, problem: 'bad-signature' });
  });

  test('an expired intermediate breaks the chain', () => {
    const expired = makeIntermediate(root, { notBefore: new Date(now.getTime() - 400 * DAY), notAfter: new Date(now.getTime() - 3_600_000) });
    const verdict = buildChain(read(makeLeaf(expired).der), [read(expired.der)], store, now);
    expect(verdict).toMatchObject({ ok: false, problem: 'not-valid' });
    // The same chain held while the intermediate was valid.
    expect(buildChain(read(makeLeaf(expired).der), [read(expired.der)], store, new Date(now.getTime() - 7_200_000)).ok).toBe(true);
  });

  test('a CA certificate without keyCertSign, or without cA, may not issue', () => {
    const noCertSign = makeIntermediate(root, { keyUsage: KEY_USAGE.cRLSign | KEY_USAGE.digitalSignature });
    expect(buildChain(read(makeLeaf(noCertSign).der), [read(noCertSign.der)], store, now)).toMatchObject({ ok: false, problem: 'not-a-ca' });
    const notCa = makeIntermediate(root, { isCa: false });
    expect(buildChain(read(makeLeaf(notCa).der), [read(notCa.der)], store, now)).toMatchObject({ ok: false, problem: 'not-a-ca' });
  });
});

describe('loadTrustStore', () => {
  test('reads a PEM bundle, DER files and directories', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trust-'));
    const a = makeCa({ country: 'RU', commonName: 'УЦ А' });
    const b = makeCa({ country: 'RU', commonName: 'УЦ Б' });
    const c = makeCa({ country: 'RU', commonName: 'УЦ В' });
    writeFileSync(join(dir, 'bundle.pem'), toPem(a.der) + toPem(b.der));
    writeFileSync(join(dir, 'c.cer'), c.der);
    writeFileSync(join(dir, 'readme.txt'), 'not a certificate');
    const store = loadTrustStore([dir]);
    expect(store.certificates.map((x) => x.commonName).sort()).toEqual(['УЦ А', 'УЦ Б', 'УЦ В']);
    expect(store.trusts(read(c.der))).toBe(true);
    expect(loadTrustStore([join(dir, 'bundle.pem')]).certificates).toHaveLength(2);
  });

  test('a broken file is named in the error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trust-'));
    writeFileSync(join(dir, 'broken.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    expect(() => loadTrustStore([dir])).toThrow(/broken\.pem/);
    expect(() => loadTrustStore([join(dir, 'absent')])).toThrow(/absent: нет такого файла/);
  });
});
