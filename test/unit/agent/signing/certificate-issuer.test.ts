import { X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import { expect, test } from 'vitest';
import { makeCa, makeLeaf } from './test-certificates.ts';

/** The serial's DER content bytes, as written (a parse would hide non-minimal padding). */
const serialBytes = (der: Uint8Array) => new Uint8Array(AsnConvert.parse(der, Certificate).tbsCertificate.serialNumber);

test('serial numbers are positive, minimal DER integers, as strict parsers (OpenSSL) demand', () => {
  const ca = makeCa();
  for (let i = 0; i < 200; i++) {
    const { der } = makeLeaf(ca);
    const serial = serialBytes(der);
    expect(serial[0]).toBeGreaterThan(0); // no leading zero: a 0x00 before a byte < 0x80 is illegal padding
    expect(serial[0]).toBeLessThan(0x80); // not negative
  }
  expect(() => new X509Certificate(Buffer.from(makeLeaf(ca).der))).not.toThrow();
});
