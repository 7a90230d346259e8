/**
 * Verifies a detached CAdES-BES signature against the document bytes: one
 * signer, the certificate embedded, messageDigest, signingTime,
 * signingCertificateV2 and the signature over the signed attributes. Failure
 * codes are REMD's own (NSI 305), so the sandbox can answer with them.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { ContentInfo, SignedData, id_contentType, id_data, id_messageDigest, id_signedData, id_signingTime, type SignerInfo } from '@peculiar/asn1-cms';
import { Certificate } from '@peculiar/asn1-x509';
import * as asn1js from 'asn1js';
import { parseCertificate, type ParsedCertificate } from './certificate.ts';
import { cmsAlgorithmFor, type CmsAlgorithm } from './cms-algorithms.ts';
import { id_signingCertificateV2 } from './cades-bes.ts';
import { spkiDer } from './key-algorithm.ts';

export type CmsVerification =
  | { ok: true; signer: ParsedCertificate; signingTime?: Date }
  | { ok: false; code: string; message: string };

const fail = (code: string, message: string): CmsVerification => ({ ok: false, code, message });

export function verifyDetachedCms(content: Uint8Array, cmsDer: Uint8Array): CmsVerification {
  let signedData: SignedData;
  try {
    const info = AsnConvert.parse(cmsDer, ContentInfo);
    if (info.contentType !== id_signedData) return fail('WRONG_SIGNATURE_FORMAT', 'Файл подписи не является подписью CMS (SignedData).');
    signedData = AsnConvert.parse(info.content, SignedData);
  } catch {
    return fail('SIGNATURE_DECODING_ERROR', 'Файл подписи повреждён: его не удалось разобрать как CMS.');
  }
  if (signedData.signerInfos.length === 0) return fail('NO_SIGNATURE', 'В контейнере нет ни одной подписи.');
  if (signedData.signerInfos.length > 1) return fail('MULTIPLE_SIGNERS', 'В контейнере больше одного подписанта; ожидается одна подпись врача.');
  if (signedData.encapContentInfo.eContent) return fail('WRONG_SIGNATURE_FORMAT', 'Подпись должна быть откреплённой: документ не должен находиться внутри подписи.');
  const signerInfo = signedData.signerInfos[0] as SignerInfo;

  const certificate = findSignerCertificate(signedData, signerInfo);
  if (!certificate) return fail('NO_END_ENTITY_CERTIFICATE', 'В подписи нет сертификата подписанта.');
  const certDer = new Uint8Array(AsnConvert.serialize(certificate));
  let signer: ParsedCertificate;
  let algorithm: CmsAlgorithm;
  try {
    signer = parseCertificate(certDer);
    algorithm = cmsAlgorithmFor(signer.keyAlgorithm);
  } catch {
    return fail('UNKNOWN_ALGORITHM', 'Алгоритм ключа подписанта не поддерживается.');
  }
  if (signerInfo.digestAlgorithm.algorithm !== algorithm.digestOid) {
    return fail('UNKNOWN_ALGORITHM', `Алгоритм хэширования ${signerInfo.digestAlgorithm.algorithm} не соответствует ключу подписанта.`);
  }

  const attrs = signerInfo.signedAttrs;
  const raw = signedAttributesAsSigned(cmsDer);
  if (!attrs || !raw) return fail('WRONG_SIGNATURE_FORMAT', 'В подписи нет подписанных атрибутов (формат CAdES-BES).');
  const attr = (type: string) => attrs.filter((a) => a.attrType === type);

  const contentType = attr(id_contentType)[0]?.attrValues[0];
  if (!contentType || oidOf(contentType) !== id_data) return fail('WRONG_SIGNATURE_FORMAT', 'Атрибут contentType подписи отсутствует или не равен id-data.');

  const digestValue = attr(id_messageDigest)[0]?.attrValues[0];
  if (!digestValue) return fail('WRONG_SIGNATURE_FORMAT', 'В подписи нет атрибута messageDigest.');
  if (!sameBytes(octetsOf(digestValue), algorithm.digest(content))) {
    return fail('SIGNATURE_VERIFICATION_ERROR', 'Подпись не соответствует документу: документ изменён после подписания.');
  }

  const timeValue = attr(id_signingTime)[0]?.attrValues[0];
  const signingTime = timeValue ? timeOf(timeValue) : undefined;
  if (!signingTime) return fail('WRONG_SIGNATURE_FORMAT', 'В подписи нет времени подписания (signingTime).');

  const essValue = attr(id_signingCertificateV2)[0]?.attrValues[0];
  if (essValue && !essCertHashMatches(essValue, certDer, algorithm)) {
    return fail('SIGNATURE_VERIFICATION_ERROR', 'Атрибут signingCertificateV2 указывает на другой сертификат.');
  }

  const spki = spkiDer(certificate.tbsCertificate.subjectPublicKeyInfo);
  let valid = false;
  try {
    valid = algorithm.verify(raw, new Uint8Array(signerInfo.signature.buffer), spki);
  } catch {
    valid = false;
  }
  if (!valid) return fail('SIGNATURE_VERIFICATION_ERROR', 'Подпись неверна: она не проверяется ключом сертификата подписанта.');
  return { ok: true, signer, signingTime };
}

/**
 * The signed attributes exactly as the signer encoded them, re-tagged as a SET
 * (0x31): the signature covers that, not the [0] they travel in. Taken from the
 * original bytes, since re-encoding a non-DER signer's attributes would break it.
 */
function signedAttributesAsSigned(cmsDer: Uint8Array): Uint8Array | undefined {
  type Node = { idBlock: { tagClass: number; tagNumber: number }; valueBlock: { value?: Node[] }; valueBeforeDecodeView: Uint8Array };
  const children = (n: Node | undefined): Node[] => n?.valueBlock.value ?? [];
  const root = asn1js.fromBER(cmsDer).result as unknown as Node;
  const signedData = children(children(root)[1])[0];
  const signerInfos = children(signedData).at(-1);
  const signerInfo = children(signerInfos)[0];
  const attrs = children(signerInfo).find((n) => n.idBlock.tagClass === 3 && n.idBlock.tagNumber === 0);
  if (!attrs) return undefined;
  const bytes = new Uint8Array(attrs.valueBeforeDecodeView);
  bytes[0] = 0x31;
  return bytes;
}

function findSignerCertificate(sd: SignedData, si: SignerInfo): Certificate | undefined {
  const ias = si.sid.issuerAndSerialNumber;
  const certs = (sd.certificates ?? []).flatMap((c) => (c.certificate ? [c.certificate] : []));
  if (!ias) return certs.length === 1 ? certs[0] : undefined;
  const issuer = Buffer.from(AsnConvert.serialize(ias.issuer));
  const serial = Buffer.from(ias.serialNumber);
  return certs.find(
    (c) =>
      Buffer.from(c.tbsCertificate.serialNumber).equals(serial) &&
      Buffer.from(AsnConvert.serialize(c.tbsCertificate.issuer)).equals(issuer),
  );
}

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array): boolean => a !== undefined && Buffer.from(a).equals(Buffer.from(b));

function oidOf(value: ArrayBuffer): string | undefined {
  const block = asn1js.fromBER(value).result;
  return block instanceof asn1js.ObjectIdentifier ? block.valueBlock.toString() : undefined;
}

function octetsOf(value: ArrayBuffer): Uint8Array | undefined {
  const block = asn1js.fromBER(value).result;
  return block instanceof asn1js.OctetString ? new Uint8Array(block.valueBlock.valueHexView) : undefined;
}

function timeOf(value: ArrayBuffer): Date | undefined {
  const block = asn1js.fromBER(value).result;
  if (block instanceof asn1js.UTCTime || block instanceof asn1js.GeneralizedTime) return block.toDate();
  return undefined;
}

/** SigningCertificateV2.certs[0].certHash equals the digest of the embedded certificate. */
function essCertHashMatches(value: ArrayBuffer, certDer: Uint8Array, algorithm: CmsAlgorithm): boolean {
  const outer = asn1js.fromBER(value).result as asn1js.Sequence;
  const certs = outer.valueBlock?.value?.[0] as asn1js.Sequence | undefined;
  const first = certs?.valueBlock?.value?.[0] as asn1js.Sequence | undefined;
  const items = first?.valueBlock?.value ?? [];
  // hashAlgorithm is optional (DEFAULT sha256): the first OCTET STRING is certHash.
  const hashAlg = items[0] instanceof asn1js.Sequence ? (items[0].valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString() : undefined;
  const expectedOid = hashAlg ?? '2.16.840.1.101.3.4.2.1';
  if (expectedOid !== algorithm.digestOid) return false;
  const hash = items.find((i) => i instanceof asn1js.OctetString) as asn1js.OctetString | undefined;
  return sameBytes(hash ? new Uint8Array(hash.valueBlock.valueHexView) : undefined, algorithm.digest(certDer));
}
