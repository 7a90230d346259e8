/**
 * Verifies a detached CAdES-BES signature against the document bytes: one
 * signer, the certificate embedded, messageDigest, signingTime,
 * signingCertificateV2 and the signature over the signed attributes. Failure
 * codes are REMD's own (NSI 305), so the sandbox can answer with them.
 * Reads the DER directly: exact bytes, and fast enough to check every signature.
 */
import { parseCertificate, type ParsedCertificate } from './certificate.ts';
import { cmsAlgorithmFor, type CmsAlgorithm } from './cms-algorithms.ts';
import { id_contentType, id_data, id_messageDigest, id_signedData, id_signingCertificateV2, id_signingTime } from './cades-bes.ts';
import { DIGEST_OIDS } from './algorithm-oids.ts';
import { UnsupportedKeyError } from './gost-algorithms.ts';
import { children, decodeObjectIdentifier, decodeTime, issuerAndSerial, readElement, valueOf, type DerElement } from './der.ts';

export type CmsVerification =
  | { ok: true; signer: ParsedCertificate; signingTime?: Date; /** Every certificate in the CMS (DER): the chain's intermediates may be among them. */ certificates: Uint8Array[] }
  | { ok: false; code: string; message: string };

const fail = (code: string, message: string): CmsVerification => ({ ok: false, code, message });
const same = (a: Uint8Array | undefined, b: Uint8Array): boolean => a !== undefined && Buffer.from(a).equals(Buffer.from(b));

/** The parts of the SignedData the checks need, located in the original bytes. */
interface SignedDataParts {
  detached: boolean;
  certificates: Uint8Array[];
  signerInfos: DerElement[];
}

function readSignedData(cms: Uint8Array): SignedDataParts | CmsVerification {
  const [contentType, explicit] = children(cms, readElement(cms));
  if (!contentType || decodeObjectIdentifier(cms, contentType) !== id_signedData || explicit?.tag !== 0xa0) {
    return fail('WRONG_SIGNATURE_FORMAT', 'Файл подписи не является подписью CMS (SignedData).');
  }
  const [signedData] = children(cms, explicit);
  if (signedData?.tag !== 0x30) throw new Error('no SignedData');
  const fields = children(cms, signedData);
  const encap = fields[2];
  const signerInfos = fields.at(-1);
  if (encap?.tag !== 0x30 || signerInfos?.tag !== 0x31) throw new Error('malformed SignedData');
  const certSet = fields.find((f) => f.tag === 0xa0);
  return {
    detached: children(cms, encap).length === 1,
    certificates: certSet ? children(cms, certSet).filter((c) => c.tag === 0x30).map((c) => c.bytes) : [],
    signerInfos: children(cms, signerInfos),
  };
}

export function verifyDetachedCms(content: Uint8Array, cmsDer: Uint8Array): CmsVerification {
  try {
    return verify(content, cmsDer);
  } catch {
    return fail('SIGNATURE_DECODING_ERROR', 'Файл подписи повреждён: его не удалось разобрать как CMS.');
  }
}

function verify(content: Uint8Array, cms: Uint8Array): CmsVerification {
  const parts = readSignedData(cms);
  if ('ok' in parts) return parts;
  if (parts.signerInfos.length === 0) return fail('NO_SIGNATURE', 'В контейнере нет ни одной подписи.');
  if (parts.signerInfos.length > 1) return fail('MULTIPLE_SIGNERS', 'В контейнере больше одного подписанта; ожидается одна подпись врача.');
  if (!parts.detached) return fail('WRONG_SIGNATURE_FORMAT', 'Подпись должна быть откреплённой: документ не должен находиться внутри подписи.');

  // SignerInfo: version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature, …
  const si = children(cms, parts.signerInfos[0] as DerElement);
  const [, sid, digestAlg] = si;
  const attrsElement = si.find((e) => e.tag === 0xa0);
  const signature = si.find((e, i) => i > 3 && e.tag === 0x04);
  const signatureAlg = si[si.indexOf(signature as DerElement) - 1];
  if (!sid || !digestAlg || !signature || signatureAlg?.tag !== 0x30) throw new Error('malformed SignerInfo');

  const certDer = findSignerCertificate(cms, parts.certificates, sid);
  if (!certDer) return fail('NO_END_ENTITY_CERTIFICATE', 'В подписи нет сертификата подписанта.');
  let signer: ParsedCertificate;
  let algorithm: CmsAlgorithm;
  try {
    signer = parseCertificate(certDer);
    algorithm = cmsAlgorithmFor(signer.keyAlgorithm);
  } catch {
    return fail('UNKNOWN_ALGORITHM', 'Алгоритм ключа подписанта не поддерживается.');
  }
  const digestOid = decodeObjectIdentifier(cms, children(cms, digestAlg)[0] as DerElement);
  if (digestOid !== algorithm.digestOid) {
    return fail('UNKNOWN_ALGORITHM', `Алгоритм хэширования ${digestOid} не соответствует ключу подписанта.`);
  }
  const signatureOid = decodeObjectIdentifier(cms, children(cms, signatureAlg)[0] as DerElement);
  if (!algorithm.acceptedSignatureOids.includes(signatureOid)) {
    return fail('UNKNOWN_ALGORITHM', `Алгоритм подписи ${signatureOid} не соответствует ключу подписанта.`);
  }
  if (!attrsElement) return fail('WRONG_SIGNATURE_FORMAT', 'В подписи нет подписанных атрибутов (формат CAdES-BES).');

  const attributes = readAttributes(cms, attrsElement);
  const contentType = attributes.get(id_contentType);
  if (!contentType || contentType.tag !== 0x06 || decodeObjectIdentifier(cms, contentType) !== id_data) {
    return fail('WRONG_SIGNATURE_FORMAT', 'Атрибут contentType подписи отсутствует или не равен id-data.');
  }
  const messageDigest = attributes.get(id_messageDigest);
  if (messageDigest?.tag !== 0x04) return fail('WRONG_SIGNATURE_FORMAT', 'В подписи нет атрибута messageDigest.');
  if (!same(valueOf(cms, messageDigest), algorithm.digest(content))) {
    return fail('SIGNATURE_VERIFICATION_ERROR', 'Подпись не соответствует документу: документ изменён после подписания.');
  }
  const time = attributes.get(id_signingTime);
  if (!time) return fail('WRONG_SIGNATURE_FORMAT', 'В подписи нет времени подписания (signingTime).');
  const signingTime = decodeTime(cms, time);
  const ess = attributes.get(id_signingCertificateV2);
  if (ess && !essCertHashMatches(cms, ess, certDer, algorithm)) {
    return fail('SIGNATURE_VERIFICATION_ERROR', 'Атрибут signingCertificateV2 указывает на другой сертификат.');
  }

  // The signature covers the attributes as a SET (tag 0x31), not as the [0] they travel in.
  const signed = new Uint8Array(attrsElement.bytes);
  signed[0] = 0x31;
  let valid = false;
  try {
    valid = algorithm.verify(signed, valueOf(cms, signature), subjectPublicKeyInfo(certDer));
  } catch (e) {
    if (e instanceof UnsupportedKeyError) {
      return fail('UNKNOWN_ALGORITHM', 'Параметры ключа ГОСТ в сертификате подписанта не поддерживаются проверкой подписи.');
    }
    valid = false;
  }
  if (!valid) return fail('SIGNATURE_VERIFICATION_ERROR', 'Подпись неверна: она не проверяется ключом сертификата подписанта.');
  return { ok: true, signer, signingTime, certificates: parts.certificates };
}

/** The first value of each signed attribute, by type. */
function readAttributes(cms: Uint8Array, attrs: DerElement): Map<string, DerElement> {
  const out = new Map<string, DerElement>();
  for (const attr of children(cms, attrs)) {
    const [type, values] = children(cms, attr);
    if (!type || values?.tag !== 0x31) throw new Error('malformed attribute');
    const first = children(cms, values)[0];
    if (first) out.set(decodeObjectIdentifier(cms, type), first);
  }
  return out;
}

/** The certificate sid names by issuer and serial (or the only one, for a subjectKeyIdentifier sid). */
function findSignerCertificate(cms: Uint8Array, certificates: Uint8Array[], sid: DerElement): Uint8Array | undefined {
  if (sid.tag !== 0x30) return certificates.length === 1 ? certificates[0] : undefined;
  const [issuer, serial] = children(cms, sid);
  if (!issuer || !serial) return undefined;
  return certificates.find((c) => {
    const own = issuerAndSerial(c);
    return same(own.issuer, issuer.bytes) && same(own.serial, serial.bytes);
  });
}

/** SubjectPublicKeyInfo DER of a certificate: the field after subject in tbsCertificate. */
function subjectPublicKeyInfo(certDer: Uint8Array): Uint8Array {
  const tbs = children(certDer, readElement(certDer))[0] as DerElement;
  const fields = children(certDer, tbs);
  const skip = fields[0]?.tag === 0xa0 ? 1 : 0;
  return (fields[skip + 5] as DerElement).bytes; // serial, signature, issuer, validity, subject, spki
}

/** SigningCertificateV2.certs[0]: certHash equals the digest of the embedded certificate, with the matching algorithm. */
function essCertHashMatches(cms: Uint8Array, ess: DerElement, certDer: Uint8Array, algorithm: CmsAlgorithm): boolean {
  const certs = children(cms, ess)[0];
  const first = certs && children(cms, certs)[0];
  if (!first) return false;
  const items = children(cms, first);
  // hashAlgorithm is optional with DEFAULT sha256.
  const hashOid = items[0]?.tag === 0x30 ? decodeObjectIdentifier(cms, children(cms, items[0])[0] as DerElement) : DIGEST_OIDS.sha256;
  const hash = items.find((i) => i.tag === 0x04);
  return hashOid === algorithm.digestOid && hash !== undefined && same(valueOf(cms, hash), algorithm.digest(certDer));
}
