import { createHash, sign as nodeSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { Attribute, ContentInfo, EncapsulatedContent, SignedData, id_signingTime } from '@peculiar/asn1-cms';
import * as asn1js from 'asn1js';
import { id_signingCertificateV2, signCadesBes } from '../../../../agent/signing/cades-bes.ts';
import { cmsAlgorithmFor } from '../../../../agent/signing/cms-algorithms.ts';
import { verifyDetachedCms } from '../../../../agent/signing/verify-cms.ts';
import { makeCa, makeLeaf } from './test-certificates.ts';

const ca = makeCa();
const leaf = makeLeaf(ca);
const content = new TextEncoder().encode('<doc>эталон</doc>');
const good = await signCadesBes({
  content, certificateDer: leaf.der, signingTime: new Date('2026-11-26T08:00:00Z'), algorithm: cmsAlgorithmFor('ecdsa-p256'),
  sign: async (attrs) => new Uint8Array(nodeSign('sha256', attrs, leaf.privateKey)),
});

/** Parses the good CMS, lets the test change the SignedData, and encodes it again. */
function variant(change: (sd: SignedData) => void, resign = false): Uint8Array {
  const info = AsnConvert.parse(good, ContentInfo);
  const sd = AsnConvert.parse(info.content, SignedData);
  change(sd);
  const encode = () => new Uint8Array(AsnConvert.serialize(new ContentInfo({ contentType: info.contentType, content: AsnConvert.serialize(sd) })));
  if (!resign) return encode();
  // Sign the changed attributes as they now appear in the CMS, so only the intended defect remains.
  const root = asn1js.fromBER(encode()).result as asn1js.Sequence;
  const signedData = (root.valueBlock.value[1] as asn1js.Constructed).valueBlock.value[0] as asn1js.Sequence;
  const signerInfo = (signedData.valueBlock.value.at(-1) as asn1js.Set).valueBlock.value[0] as asn1js.Sequence;
  const attrs = signerInfo.valueBlock.value.find((n) => n.idBlock.tagClass === 3 && n.idBlock.tagNumber === 0)!;
  const set = new Uint8Array(attrs.valueBeforeDecodeView);
  set[0] = 0x31;
  sd.signerInfos[0]!.signature = new OctetString(nodeSign('sha256', set, leaf.privateKey));
  return encode();
}

const codeOf = (cms: Uint8Array, doc = content) => {
  const r = verifyDetachedCms(doc, cms);
  return r.ok ? 'OK' : r.code;
};

describe('verifyDetachedCms', () => {
  it('accepts the untouched signature and returns the signer and signing time', () => {
    const r = verifyDetachedCms(content, good);
    expect(r).toMatchObject({ ok: true, signingTime: new Date('2026-11-26T08:00:00Z') });
    if (r.ok) expect(r.signer.subject.surname).toBe('Иванова');
  });

  it('re-signing without a change keeps it valid (the test helper is sound)', () => {
    expect(codeOf(variant(() => undefined, true))).toBe('OK');
  });

  it('rejects bytes that are not CMS', () => {
    expect(codeOf(new TextEncoder().encode('not a signature'))).toBe('SIGNATURE_DECODING_ERROR');
  });

  it('rejects a container without signers and one with two', () => {
    expect(codeOf(variant((sd) => sd.signerInfos.splice(0)))).toBe('NO_SIGNATURE');
    expect(codeOf(variant((sd) => sd.signerInfos.push(sd.signerInfos[0]!)))).toBe('MULTIPLE_SIGNERS');
  });

  it('rejects a signature without the signer certificate', () => {
    expect(codeOf(variant((sd) => { sd.certificates = undefined; }))).toBe('NO_END_ENTITY_CERTIFICATE');
  });

  it('rejects an attached (non-detached) signature', () => {
    const eContent = new EncapsulatedContent({ single: new OctetString(content) });
    expect(codeOf(variant((sd) => { sd.encapContentInfo.eContent = eContent; }))).toBe('WRONG_SIGNATURE_FORMAT');
  });

  it('rejects a digest algorithm that does not fit the key', () => {
    expect(codeOf(variant((sd) => { sd.signerInfos[0]!.digestAlgorithm.algorithm = '1.2.643.7.1.1.2.2'; }))).toBe('UNKNOWN_ALGORITHM');
  });

  it('rejects a signature algorithm that does not fit the key', () => {
    expect(codeOf(variant((sd) => { sd.signerInfos[0]!.signatureAlgorithm.algorithm = '1.2.840.113549.1.1.10'; }))).toBe('UNKNOWN_ALGORITHM');
    expect(codeOf(variant((sd) => { sd.signerInfos[0]!.signatureAlgorithm.algorithm = '1.2.840.10045.2.1'; }))).toBe('OK');
  });

  it('rejects a signature without signingTime even when correctly signed', () => {
    const cms = variant((sd) => {
      sd.signerInfos[0]!.signedAttrs = sd.signerInfos[0]!.signedAttrs!.filter((a: Attribute) => a.attrType !== id_signingTime);
    }, true);
    expect(codeOf(cms)).toBe('WRONG_SIGNATURE_FORMAT');
  });

  it('rejects a signingCertificateV2 that names another certificate', () => {
    const cms = variant((sd) => {
      const ess = sd.signerInfos[0]!.signedAttrs!.find((a: Attribute) => a.attrType === id_signingCertificateV2)!;
      const bytes = Buffer.from(ess.attrValues[0]!.slice(0));
      const at = bytes.indexOf(createHash('sha256').update(leaf.der).digest());
      expect(at).toBeGreaterThan(0);
      bytes[at] = (bytes[at] ?? 0) ^ 0xff; // first byte of certHash
      ess.attrValues = [bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length)];
    }, true);
    const r = verifyDetachedCms(content, cms);
    expect(r).toMatchObject({ ok: false, code: 'SIGNATURE_VERIFICATION_ERROR' });
    if (!r.ok) expect(r.message).toMatch(/signingCertificateV2/);
  });

  it('rejects a changed signature value', () => {
    const cms = variant((sd) => {
      const sig = new Uint8Array(sd.signerInfos[0]!.signature.buffer.slice(0));
      sig[sig.length - 1] = (sig[sig.length - 1] ?? 0) ^ 1;
      sd.signerInfos[0]!.signature = new OctetString(sig);
    });
    const r = verifyDetachedCms(content, cms);
    expect(r).toMatchObject({ ok: false, code: 'SIGNATURE_VERIFICATION_ERROR' });
    if (!r.ok) expect(r.message).toMatch(/ключом сертификата/);
  });

  it('rejects a signature by another key under the same certificate', () => {
    const other = makeLeaf(ca);
    const cms = variant((sd) => {
      sd.signerInfos[0]!.signature = new OctetString(nodeSign('sha256', content, other.privateKey));
    });
    expect(codeOf(cms)).toBe('SIGNATURE_VERIFICATION_ERROR');
  });
});
