/**
 * Checking the WS-Security of an incoming envelope as IPS would (the sandbox
 * uses it): a fresh Timestamp, exc-c14n References that cover the Body, the
 * Timestamp and every WS-Addressing header, digests that match, and a
 * signature by the key of the BinarySecurityToken's certificate.
 * Failures carry the WS-Security 1.0 fault codes.
 */
import { X509Certificate } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { NS, WS_SECURITY } from './remd-contract.ts';
import { canonicalize, EXC_C14N } from './exclusive-c14n.ts';
import { nodeAlgorithms } from './ws-security-algorithms.ts';
import type { AlgorithmSuite } from './ws-security-algorithms.ts';
import { childNs, childrenNamed, elementChildren, parseXml } from './xml-reader.ts';

export type WsSecurityFaultCode =
  | 'wsse:InvalidSecurity'
  | 'wsse:InvalidSecurityToken'
  | 'wsse:SecurityTokenUnavailable'
  | 'wsse:UnsupportedAlgorithm'
  | 'wsse:FailedCheck'
  | 'wsse:MessageExpired';

export type WsSecurityVerdict =
  | { ok: true; certificate: X509Certificate; signedParts: string[] }
  | { ok: false; code: WsSecurityFaultCode; message: string };

export interface VerifyOptions {
  now?: Date;
  algorithms?: AlgorithmSuite;
}

class Refusal extends Error {
  readonly code: WsSecurityFaultCode;
  constructor(code: WsSecurityFaultCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Undefined when the envelope carries no wsse:Security header at all. Takes the text or the parsed Envelope. */
export function verifyEnvelopeSecurity(xml: string | Element, opts: VerifyOptions = {}): WsSecurityVerdict | undefined {
  const envelope = typeof xml === 'string' ? (parseXml(xml).documentElement as unknown as Element) : xml;
  const soapNs = envelope.namespaceURI ?? '';
  const header = childNs(envelope, soapNs, 'Header');
  const security = header && childNs(header, NS.wsse, 'Security');
  if (!header || !security) return undefined;
  try {
    return verifySecurity(envelope, header, security, opts);
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}

function verifySecurity(envelope: Element, header: Element, security: Element, opts: VerifyOptions): WsSecurityVerdict {
  const algorithms = opts.algorithms ?? nodeAlgorithms;
  const timestamp = need(childNs(security, NS.wsu, 'Timestamp'), 'wsse:InvalidSecurity', 'Нет wsu:Timestamp');
  checkTimestamp(timestamp, opts.now ?? new Date());
  const signature = need(childNs(security, NS.ds, 'Signature'), 'wsse:InvalidSecurity', 'Нет ds:Signature');
  const signedInfo = need(childNs(signature, NS.ds, 'SignedInfo'), 'wsse:InvalidSecurity', 'Нет ds:SignedInfo');
  const c14n = childNs(signedInfo, NS.ds, 'CanonicalizationMethod')?.getAttribute('Algorithm');
  if (c14n !== EXC_C14N) throw new Refusal('wsse:UnsupportedAlgorithm', `Каноникализация ${c14n ?? ''} не поддерживается`);
  const method = childNs(signedInfo, NS.ds, 'SignatureMethod')?.getAttribute('Algorithm') ?? '';
  const check = algorithms.signatures[method];
  if (!check) throw new Refusal('wsse:UnsupportedAlgorithm', `Алгоритм подписи ${method} не поддерживается`);

  const ids = indexIds(envelope);
  const signed = childrenNamed(signedInfo, 'Reference').map((r) => checkReference(r, ids, algorithms));
  const required = [childNs(envelope, envelope.namespaceURI ?? '', 'Body'), timestamp, ...addressingHeaders(header)];
  for (const part of required) {
    if (part && !signed.includes(part)) throw new Refusal('wsse:FailedCheck', `Не подписан элемент ${part.localName}`);
  }
  const certificate = tokenCertificate(signature, ids);
  const value = Buffer.from(childNs(signature, NS.ds, 'SignatureValue')?.textContent ?? '', 'base64');
  if (!check(new TextEncoder().encode(canonicalize(signedInfo)), value, certificate)) {
    throw new Refusal('wsse:FailedCheck', 'Подпись сообщения не верна');
  }
  return { ok: true, certificate, signedParts: signed.map((e) => e.localName ?? '') };
}

function checkTimestamp(timestamp: Element, now: Date): void {
  const created = Date.parse(childNs(timestamp, NS.wsu, 'Created')?.textContent ?? '');
  const expires = Date.parse(childNs(timestamp, NS.wsu, 'Expires')?.textContent ?? '');
  if (Number.isNaN(created)) throw new Refusal('wsse:InvalidSecurity', 'В wsu:Timestamp нет Created');
  if (created > now.getTime() + WS_SECURITY.clockSkewSeconds * 1000) throw new Refusal('wsse:MessageExpired', 'Сообщение создано в будущем');
  if (!Number.isNaN(expires) && expires <= now.getTime()) throw new Refusal('wsse:MessageExpired', 'Срок действия сообщения истёк');
}

/** Every element by wsu:Id (or plain Id); a duplicate id could smuggle a second Body in. */
function indexIds(root: Element): Map<string, Element> {
  const ids = new Map<string, Element>();
  const walk = (el: Element) => {
    const id = el.getAttributeNS(NS.wsu, 'Id') || el.getAttribute('Id');
    if (id) {
      if (ids.has(id)) throw new Refusal('wsse:InvalidSecurity', `Идентификатор ${id} встречается дважды`);
      ids.set(id, el);
    }
    elementChildren(el).forEach(walk);
  };
  walk(root);
  return ids;
}

function checkReference(reference: Element, ids: Map<string, Element>, algorithms: AlgorithmSuite): Element {
  const uri = reference.getAttribute('URI') ?? '';
  const target = uri.startsWith('#') ? ids.get(uri.slice(1)) : undefined;
  if (!target) throw new Refusal('wsse:InvalidSecurity', `Ссылка ${uri} не найдена`);
  const transforms = childNs(reference, NS.ds, 'Transforms');
  for (const t of transforms ? childrenNamed(transforms, 'Transform') : []) {
    if (t.getAttribute('Algorithm') !== EXC_C14N) throw new Refusal('wsse:UnsupportedAlgorithm', `Преобразование ${t.getAttribute('Algorithm') ?? ''}`);
  }
  const method = childNs(reference, NS.ds, 'DigestMethod')?.getAttribute('Algorithm') ?? '';
  const digest = algorithms.digests[method];
  if (!digest) throw new Refusal('wsse:UnsupportedAlgorithm', `Алгоритм хэширования ${method} не поддерживается`);
  const expected = Buffer.from(digest(new TextEncoder().encode(canonicalize(target)))).toString('base64');
  if (expected !== (childNs(reference, NS.ds, 'DigestValue')?.textContent ?? '').trim()) {
    throw new Refusal('wsse:FailedCheck', `Элемент ${target.localName} изменён после подписания`);
  }
  return target;
}

const addressingHeaders = (header: Element) =>
  elementChildren(header).filter((e) => e.namespaceURI === NS.addressing && (WS_SECURITY.signedHeaders as readonly string[]).includes(e.localName ?? ''));

function tokenCertificate(signature: Element, ids: Map<string, Element>): X509Certificate {
  const str = childNs(need(childNs(signature, NS.ds, 'KeyInfo'), 'wsse:SecurityTokenUnavailable', 'Нет ds:KeyInfo'), NS.wsse, 'SecurityTokenReference');
  const uri = (str && childNs(str, NS.wsse, 'Reference')?.getAttribute('URI')) ?? '';
  const token = ids.get(uri.replace(/^#/, ''));
  if (!token || token.localName !== 'BinarySecurityToken') throw new Refusal('wsse:SecurityTokenUnavailable', 'Сертификат подписи не найден');
  try {
    return certificateOf(token.textContent ?? '');
  } catch {
    throw new Refusal('wsse:InvalidSecurityToken', 'Сертификат подписи не читается');
  }
}

// A system signs every message with the same certificate: each one is parsed once.
const certificates = new Map<string, X509Certificate>();

function certificateOf(base64: string): X509Certificate {
  const text = base64.replace(/\s+/g, '');
  let certificate = certificates.get(text);
  if (!certificate) {
    certificate = new X509Certificate(Buffer.from(text, 'base64'));
    if (certificates.size >= 64) certificates.delete(certificates.keys().next().value!);
    certificates.set(text, certificate);
  }
  return certificate;
}

function need(el: Element | undefined, code: WsSecurityFaultCode, message: string): Element {
  if (!el) throw new Refusal(code, message);
  return el;
}
