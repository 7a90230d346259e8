import { describe, expect, it } from 'vitest';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';
import { children, issuerAndSerial, objectIdentifier, octetString, readElement, setOf, time } from '../../../../agent/signing/der.ts';
import { makeCa, makeLeaf } from './test-certificates.ts';

const hex = (b: Uint8Array | ArrayBuffer) => Buffer.from(b instanceof ArrayBuffer ? new Uint8Array(b) : b).toString('hex');

describe('der', () => {
  it.each(['1.2.840.113549.1.9.16.2.47', '1.2.643.7.1.1.2.2', '2.5.4.3', '1.2.643.100.3', '2.999.1234567'])('encodes OID %s as asn1js does', (oid) => {
    expect(hex(objectIdentifier(oid))).toBe(hex(new asn1js.ObjectIdentifier({ value: oid }).toBER()));
  });

  it.each([0, 1, 127, 128, 255, 256, 70_000])('encodes a %i-byte OCTET STRING with the right length form', (n) => {
    const bytes = new Uint8Array(n).fill(7);
    const encoded = octetString(bytes);
    expect(hex(encoded)).toBe(hex(new asn1js.OctetString({ valueHex: bytes }).toBER()));
    const e = readElement(encoded);
    expect([e.tag, e.end - e.valueStart, e.end]).toEqual([0x04, n, encoded.length]);
  });

  it('writes UTCTime before 2050 and GeneralizedTime from 2050, in whole seconds', () => {
    const utc = asn1js.fromBER(time(new Date('2026-11-26T07:15:09.999Z'))).result;
    expect(utc).toBeInstanceOf(asn1js.UTCTime);
    expect((utc as asn1js.UTCTime).toDate()).toEqual(new Date('2026-11-26T07:15:09Z'));
    const general = asn1js.fromBER(time(new Date('2050-01-01T00:00:00Z'))).result;
    expect(general).toBeInstanceOf(asn1js.GeneralizedTime);
    expect((general as asn1js.GeneralizedTime).toDate()).toEqual(new Date('2050-01-01T00:00:00Z'));
  });

  it('sorts SET OF elements by their encodings', () => {
    const a = octetString(new Uint8Array([2]));
    const b = octetString(new Uint8Array([1, 1]));
    const c = octetString(new Uint8Array([1]));
    const set = setOf(a, b, c);
    expect(children(set, readElement(set)).map((e) => hex(e.bytes))).toEqual([hex(c), hex(a), hex(b)]);
  });

  it('finds the issuer and serial number of a certificate as their original DER', () => {
    const der = makeLeaf(makeCa()).der;
    const tbs = AsnConvert.parse(der, Certificate).tbsCertificate;
    const { issuer, serial } = issuerAndSerial(der);
    expect(hex(issuer)).toBe(hex(AsnConvert.serialize(tbs.issuer)));
    expect(hex(serial.subarray(2))).toBe(hex(tbs.serialNumber));
  });

  it('refuses truncated input', () => {
    expect(() => readElement(new Uint8Array([0x30, 0x05, 0x01]))).toThrow(/truncated/);
    expect(() => issuerAndSerial(new Uint8Array([0x30, 0x00]))).toThrow();
  });
});
