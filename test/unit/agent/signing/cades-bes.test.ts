import { createHash, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AsnConvert } from '@peculiar/asn1-schema';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import { Certificate } from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';
import { id_signingCertificateV2, prepareCadesBes, signCadesBes } from '../../../../agent/signing/cades-bes.ts';
import { cmsAlgorithmFor, ecdsaRawToDer } from '../../../../agent/signing/cms-algorithms.ts';
import { verifyDetachedCms } from '../../../../agent/signing/verify-cms.ts';
import { makeCa, makeLeaf } from './test-certificates.ts';

const ca = makeCa();
const leaf = makeLeaf(ca);
const content = new TextEncoder().encode('<ClinicalDocument>протокол консультации</ClinicalDocument>');
const signingTime = new Date('2026-11-26T07:15:00Z');
const ecdsa = cmsAlgorithmFor('ecdsa-p256');
const sha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());

function parse(cms: Uint8Array) {
  const info = AsnConvert.parse(cms, ContentInfo);
  return { info, sd: AsnConvert.parse(info.content, SignedData) };
}

async function signWithKey(der = leaf.der, key = leaf.privateKey, algorithm = ecdsa) {
  return signCadesBes({ content, certificateDer: der, signingTime, algorithm, sign: async (attrs) => new Uint8Array(nodeSign('sha256', attrs, key)) });
}

describe('prepareCadesBes', () => {
  const prepared = prepareCadesBes({ content, certificateDer: leaf.der, signingTime, algorithm: ecdsa });
  const set = asn1js.fromBER(prepared.signedAttributes).result as asn1js.Set;
  const attrs = set.valueBlock.value as asn1js.Sequence[];
  const oidOf = (a: asn1js.Sequence) => (a.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString();
  const valueOf = (a: asn1js.Sequence) => (a.valueBlock.value[1] as asn1js.Set).valueBlock.value[0]!;

  it('signs a SET (tag 0x31) of the four CAdES-BES attributes in DER order', () => {
    expect(prepared.signedAttributes[0]).toBe(0x31);
    expect(attrs.map(oidOf)).toEqual(['1.2.840.113549.1.9.3', '1.2.840.113549.1.9.5', '1.2.840.113549.1.9.4', id_signingCertificateV2]);
    const encodings = attrs.map((a) => Buffer.from(a.toBER()));
    const sorted = [...encodings].sort(Buffer.compare);
    expect(encodings).toEqual(sorted);
  });

  it('puts the content digest in messageDigest and id-data in contentType', () => {
    const md = valueOf(attrs[2]!) as asn1js.OctetString;
    expect(Buffer.from(md.valueBlock.valueHexView)).toEqual(Buffer.from(sha256(content)));
    expect(Buffer.from(prepared.contentDigest)).toEqual(Buffer.from(sha256(content)));
    expect((valueOf(attrs[0]!) as asn1js.ObjectIdentifier).valueBlock.toString()).toBe('1.2.840.113549.1.7.1');
  });

  it('writes signingTime as UTCTime of the given moment', () => {
    const t = valueOf(attrs[1]!);
    expect(t).toBeInstanceOf(asn1js.UTCTime);
    expect((t as asn1js.UTCTime).toDate()).toEqual(signingTime);
  });

  it('binds the certificate in signingCertificateV2: SHA-256 certHash (default algorithm omitted) and issuer/serial', () => {
    const ess = valueOf(attrs[3]!) as asn1js.Sequence;
    const certId = ((ess.valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence).valueBlock.value;
    expect(certId[0]).toBeInstanceOf(asn1js.OctetString); // hashAlgorithm DEFAULT sha256 is not encoded (DER)
    expect(Buffer.from((certId[0] as asn1js.OctetString).valueBlock.valueHexView)).toEqual(Buffer.from(sha256(leaf.der)));
    const issuerSerial = certId[1] as asn1js.Sequence;
    const serial = issuerSerial.valueBlock.value[1] as asn1js.Integer;
    const cert = AsnConvert.parse(leaf.der, Certificate);
    expect(Buffer.from(serial.valueBlock.valueHexView)).toEqual(Buffer.from(cert.tbsCertificate.serialNumber));
    const directoryName = ((issuerSerial.valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Constructed);
    expect(directoryName.idBlock).toMatchObject({ tagClass: 3, tagNumber: 4 });
    expect(Buffer.from(directoryName.valueBlock.value[0]!.toBER())).toEqual(Buffer.from(AsnConvert.serialize(cert.tbsCertificate.issuer)));
  });
});

describe('signCadesBes', () => {
  it('embeds exactly the signed attribute bytes (re-tagged [0]) and the signature over them', async () => {
    let signed: Uint8Array = new Uint8Array();
    const cms = await signCadesBes({
      content, certificateDer: leaf.der, signingTime, algorithm: ecdsa,
      sign: async (attrs) => { signed = attrs; return new Uint8Array(nodeSign('sha256', attrs, leaf.privateKey)); },
    });
    const embedded = Buffer.from(signed);
    embedded[0] = 0xa0;
    expect(Buffer.from(cms).includes(embedded)).toBe(true);
    const { info, sd } = parse(cms);
    expect(info.contentType).toBe('1.2.840.113549.1.7.2');
    expect(sd.version).toBe(1);
    expect(sd.encapContentInfo.eContentType).toBe('1.2.840.113549.1.7.1');
    expect(sd.encapContentInfo.eContent).toBeUndefined();
    expect(sd.digestAlgorithms.map((d) => d.algorithm)).toEqual(['2.16.840.1.101.3.4.2.1']);
    expect(sd.certificates?.length).toBe(1);
    const si = sd.signerInfos[0]!;
    expect(si.version).toBe(1);
    expect(si.sid.issuerAndSerialNumber?.serialNumber).toEqual(AsnConvert.parse(leaf.der, Certificate).tbsCertificate.serialNumber);
    expect(si.signatureAlgorithm.algorithm).toBe('1.2.840.10045.4.3.2');
    expect(nodeVerify('sha256', signed, leaf.privateKey, new Uint8Array(si.signature.buffer))).toBe(true);
  });

  it('produces a CMS that verifyDetachedCms accepts for the content and rejects for other content', async () => {
    const cms = await signWithKey();
    const ok = verifyDetachedCms(content, cms);
    expect(ok).toMatchObject({ ok: true, signingTime });
    if (ok.ok) expect(ok.signer.subject.snils).toBe('11223344595');
    const tampered = new Uint8Array(content);
    tampered[5] = (tampered[5] ?? 0) ^ 1;
    expect(verifyDetachedCms(tampered, cms)).toMatchObject({ ok: false, code: 'SIGNATURE_VERIFICATION_ERROR' });
  });

  it('signs and verifies with RSA PKCS#1 v1.5 / SHA-256', async () => {
    const rsa = makeLeaf(ca, { keyType: 'rsa' });
    const algorithm = cmsAlgorithmFor('rsa');
    const cms = await signWithKey(rsa.der, rsa.privateKey, algorithm);
    expect(verifyDetachedCms(content, cms).ok).toBe(true);
    // The token input for CKM_RSA_PKCS is DigestInfo(SHA-256): 19-byte prefix + 32-byte hash.
    expect(algorithm.tokenInput(content)).toHaveLength(51);
  });
});

describe('ecdsaRawToDer', () => {
  it('turns PKCS#11 r‖s into an ECDSA-Sig-Value node:crypto accepts', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    for (let i = 0; i < 40; i++) {
      const data = new TextEncoder().encode(`document ${i}`);
      const raw = new Uint8Array(nodeSign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' }));
      const der = ecdsaRawToDer(raw);
      expect(nodeVerify('sha256', data, publicKey, der)).toBe(true);
      const [r, s] = (asn1js.fromBER(der).result as asn1js.Sequence).valueBlock.value as asn1js.Integer[];
      const unsigned = (b: Uint8Array) => BigInt(`0x${Buffer.from(b).toString('hex') || '0'}`);
      expect(unsigned(r!.valueBlock.valueHexView)).toBe(unsigned(raw.subarray(0, 32)));
      expect(unsigned(s!.valueBlock.valueHexView)).toBe(unsigned(raw.subarray(32)));
    }
  });

  it('encodes high-bit and leading-zero halves as minimal positive INTEGERs', () => {
    const raw = new Uint8Array(64);
    raw[0] = 0x80; // r: high bit set → 0x00 prefix, 33 bytes
    raw[63] = 0x01; // s: 31 leading zero bytes → a one-byte INTEGER
    const der = Buffer.from(ecdsaRawToDer(raw));
    expect(der.subarray(0, 5)).toEqual(Buffer.from([0x30, 35 + 3, 0x02, 33, 0x00]));
    expect(der.subarray(-3)).toEqual(Buffer.from([0x02, 0x01, 0x01]));
  });
});
