/**
 * Signing a SOAP envelope the way the IPS signer does (egisz.md §1.2): a
 * wsse:Security header with the system's certificate (BinarySecurityToken), a
 * wsu:Timestamp, and an XMLDSig Signature whose exc-c14n References cover the
 * Body, the Timestamp and the WS-Addressing headers (remd-contract.ts WS_SECURITY).
 */
import { createPrivateKey, createSign, randomBytes, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { XMLSerializer } from '@xmldom/xmldom';
import type { Document, Element } from '@xmldom/xmldom';
import { NS, PREFIX, WS_SECURITY } from './remd-contract.ts';
import { canonicalize, EXC_C14N } from './exclusive-c14n.ts';
import { SoapEnvelopeError } from './soap-envelope.ts';
import { DIGEST_ALGORITHM, nodeAlgorithms, SIGNATURE_ALGORITHM } from './ws-security-algorithms.ts';
import { childNs, elementChildren, parseXml } from './xml-reader.ts';

/** Who signs: the information system's certificate and its key (software key, token, GOST provider). */
export interface WsSecuritySigner {
  certificateDer: Uint8Array;
  signatureAlgorithm: string;
  digestAlgorithm: string;
  digest(data: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** The SignatureValue bytes over `data` (canonical SignedInfo). */
  sign(data: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

/** An RSA (rsa-sha256) or EC (ecdsa-sha256) software key: the IPS test stand and the sandbox. */
export function keyPairSigner(privateKey: KeyObject | string, certificate: Uint8Array | string): WsSecuritySigner {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  const certificateDer = new Uint8Array(new X509Certificate(certificate).raw);
  const ecdsa = key.asymmetricKeyType === 'ec';
  const digest = nodeAlgorithms.digests[DIGEST_ALGORITHM.sha256]!;
  return {
    certificateDer,
    signatureAlgorithm: ecdsa ? SIGNATURE_ALGORITHM.ecdsaSha256 : SIGNATURE_ALGORITHM.rsaSha256,
    digestAlgorithm: DIGEST_ALGORITHM.sha256,
    digest,
    sign: (data) => new Uint8Array(createSign('sha256').update(data).sign(ecdsa ? { key, dsaEncoding: 'ieee-p1363' } : key)),
  };
}

/** Returns the envelope with a wsse:Security header; the input is not changed otherwise. */
export async function signEnvelope(xml: string, signer: WsSecuritySigner, now: Date = new Date()): Promise<string> {
  const doc = parseXml(xml);
  const envelope = doc.documentElement as unknown as Element;
  const soapNs = envelope.namespaceURI ?? NS.soap12;
  let header = childNs(envelope, soapNs, 'Header');
  if (!header) {
    header = doc.createElementNS(soapNs, `${envelope.prefix ?? 'soap'}:Header`);
    envelope.insertBefore(header, envelope.firstChild);
  }
  const body = childNs(envelope, soapNs, 'Body');
  if (!body) throw new SoapEnvelopeError('В SOAP-конверте нет Body');
  envelope.setAttributeNS('http://www.w3.org/2000/xmlns/', `xmlns:${PREFIX.wsu}`, NS.wsu);

  const security = el(doc, 'wsse', 'Security');
  security.setAttributeNS(soapNs, `${envelope.prefix ?? 'soap'}:mustUnderstand`, soapNs === NS.soap12 ? 'true' : '1');
  header.insertBefore(security, header.firstChild);
  const tokenId = newId('X509');
  const token = el(doc, 'wsse', 'BinarySecurityToken', Buffer.from(signer.certificateDer).toString('base64'));
  token.setAttribute('EncodingType', WS_SECURITY.base64Encoding);
  token.setAttribute('ValueType', WS_SECURITY.x509TokenType);
  token.setAttributeNS(NS.wsu, `${PREFIX.wsu}:Id`, tokenId);
  security.appendChild(token);
  const timestamp = el(doc, 'wsu', 'Timestamp');
  add(timestamp, 'wsu', 'Created', now.toISOString());
  add(timestamp, 'wsu', 'Expires', new Date(now.getTime() + WS_SECURITY.timestampTtlSeconds * 1000).toISOString());
  security.appendChild(timestamp);

  const signed = [body, timestamp, ...signedHeaders(header)];
  const signature = el(doc, 'ds', 'Signature');
  security.appendChild(signature);
  const signedInfo = await buildSignedInfo(doc, signed, signer);
  signature.appendChild(signedInfo);
  const value = await signer.sign(new TextEncoder().encode(canonicalize(signedInfo)));
  add(signature, 'ds', 'SignatureValue', Buffer.from(value).toString('base64'));
  const reference = add(add(add(signature, 'ds', 'KeyInfo'), 'wsse', 'SecurityTokenReference'), 'wsse', 'Reference');
  reference.setAttribute('URI', `#${tokenId}`);
  reference.setAttribute('ValueType', WS_SECURITY.x509TokenType);
  return new XMLSerializer().serializeToString(doc);
}

function signedHeaders(header: Element): Element[] {
  const order: readonly string[] = WS_SECURITY.signedHeaders;
  return elementChildren(header)
    .filter((e) => e.namespaceURI === NS.addressing && order.includes(e.localName ?? ''))
    .sort((a, b) => order.indexOf(a.localName ?? '') - order.indexOf(b.localName ?? ''));
}

async function buildSignedInfo(doc: Document, parts: Element[], signer: WsSecuritySigner): Promise<Element> {
  const signedInfo = el(doc, 'ds', 'SignedInfo');
  add(signedInfo, 'ds', 'CanonicalizationMethod').setAttribute('Algorithm', EXC_C14N);
  add(signedInfo, 'ds', 'SignatureMethod').setAttribute('Algorithm', signer.signatureAlgorithm);
  for (const part of parts) {
    const id = part.getAttributeNS(NS.wsu, 'Id') || newId(part.localName ?? 'part');
    part.setAttributeNS(NS.wsu, `${PREFIX.wsu}:Id`, id);
    const digest = await signer.digest(new TextEncoder().encode(canonicalize(part)));
    const reference = add(signedInfo, 'ds', 'Reference');
    reference.setAttribute('URI', `#${id}`);
    add(add(reference, 'ds', 'Transforms'), 'ds', 'Transform').setAttribute('Algorithm', EXC_C14N);
    add(reference, 'ds', 'DigestMethod').setAttribute('Algorithm', signer.digestAlgorithm);
    add(reference, 'ds', 'DigestValue', Buffer.from(digest).toString('base64'));
  }
  return signedInfo;
}

function el(doc: Document, ns: 'wsse' | 'wsu' | 'ds', name: string, text?: string): Element {
  const element = doc.createElementNS(NS[ns], `${PREFIX[ns]}:${name}`);
  if (text !== undefined) element.appendChild(doc.createTextNode(text));
  return element;
}

/** Create a child element at the end of `parent` and return it. */
function add(parent: Element, ns: 'wsse' | 'wsu' | 'ds', name: string, text?: string): Element {
  const child = el(parent.ownerDocument as Document, ns, name, text);
  parent.appendChild(child);
  return child;
}

const newId = (name: string) => `${name}-${randomBytes(6).toString('hex')}`;
