/**
 * SOAP 1.2 envelopes as REMD and IPS use them (egisz.md §1.1): the
 * transportHeader with the system's clientEntityId, then WS-Addressing
 * (MessageID, Action, To, ReplyTo, RelatesTo). Reading also accepts SOAP 1.1,
 * since callbacks were seen in both versions.
 */
import { randomUUID } from 'node:crypto';
import { create } from 'xmlbuilder2';
import { NS } from './remd-contract.ts';
import { child, childNs, childText, elementChildren, parseXml, XmlParseError } from './xml-reader.ts';
import type { Element } from './xml-reader.ts';
import { qualified } from './xml-writer.ts';
import type { XMLBuilder } from './xml-writer.ts';
import { readErrorItems, writeErrorItems } from './remd-error-items.ts';
import type { RemdErrorItem } from './remd-error-items.ts';

export interface AddressingHeaders {
  /** `urn:uuid:<uuid>`; newMessageId() makes one. */
  messageId: string;
  action: string;
  /** The service address the message is sent to. */
  to?: string;
  /** Where REMD posts the async answer (our callback endpoint). */
  replyTo?: string;
  relatesTo?: string;
}

export interface EnvelopeInput extends AddressingHeaders {
  /** The system's ID in EGISZ; omitted on messages REMD sends to us. */
  clientEntityId?: string;
  body: (body: XMLBuilder) => void;
}

export interface ParsedEnvelope {
  soapVersion: '1.1' | '1.2';
  /** The Envelope element itself, for checks that need the whole tree (WS-Security). */
  root: Element;
  headers: Partial<AddressingHeaders> & { clientEntityId?: string };
  /** The first element inside Body (the operation, or the Fault). */
  payload: Element | undefined;
  fault?: SoapFault;
}

export interface SoapFault {
  /** Sender / Receiver (1.2) or the 1.1 faultcode. */
  code: string;
  /** The first Subcode value as written, e.g. wsse:FailedCheck. */
  subcode?: string;
  reason: string;
  /** REMD errors carried in the fault detail, if any. */
  errors: RemdErrorItem[];
}

export class SoapEnvelopeError extends Error {
  readonly code = 'SOAP_MALFORMED';
}

export const newMessageId = (): string => `urn:uuid:${randomUUID()}`;

const soap = qualified('soap12');
const wsa = qualified('addressing');

export function buildEnvelope(input: EnvelopeInput): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const envelope = soap(doc, 'Envelope');
  const header = soap(envelope, 'Header');
  if (input.clientEntityId !== undefined) {
    header.ele(NS.transport, 'transportHeader').ele('authInfo').ele('clientEntityId').txt(input.clientEntityId);
  }
  wsa(header, 'MessageID').txt(input.messageId);
  wsa(header, 'Action').txt(input.action);
  if (input.to) wsa(header, 'To').txt(input.to);
  if (input.replyTo) wsa(wsa(header, 'ReplyTo'), 'Address').txt(input.replyTo);
  if (input.relatesTo) wsa(header, 'RelatesTo').txt(input.relatesTo);
  input.body(soap(envelope, 'Body'));
  return doc.end({ headless: false });
}

export interface FaultInput {
  code: 'Sender' | 'Receiver';
  /** A qualified subcode such as wsse:InvalidSecurity (its namespace declared with `subcodeNs`). */
  subcode?: string;
  subcodeNs?: string;
  reason: string;
  errors?: RemdErrorItem[];
  relatesTo?: string;
}

/** A SOAP 1.2 fault; REMD error items go into Detail [?]. */
export function buildFault(fault: FaultInput): string {
  return buildEnvelope({
    messageId: newMessageId(),
    action: 'http://www.w3.org/2005/08/addressing/soap/fault',
    relatesTo: fault.relatesTo,
    body: (body) => {
      const f = soap(body, 'Fault');
      const code = soap(f, 'Code');
      soap(code, 'Value').txt(`soap:${fault.code}`);
      if (fault.subcode) {
        const value = soap(soap(code, 'Subcode'), 'Value');
        const prefix = fault.subcode.split(':')[0];
        if (fault.subcodeNs && prefix) value.att('http://www.w3.org/2000/xmlns/', `xmlns:${prefix}`, fault.subcodeNs);
        value.txt(fault.subcode);
      }
      soap(soap(f, 'Reason'), 'Text').att('xml:lang', 'ru').txt(fault.reason);
      if (fault.errors?.length) writeErrorItems(soap(f, 'Detail'), 'service', fault.errors);
    },
  });
}

export function parseEnvelope(xml: string): ParsedEnvelope {
  let root: Element;
  try {
    root = parseXml(xml).documentElement as unknown as Element;
  } catch (e) {
    if (e instanceof XmlParseError) throw new SoapEnvelopeError(e.message);
    throw e;
  }
  const ns = root.namespaceURI;
  if (root.localName !== 'Envelope' || (ns !== NS.soap12 && ns !== NS.soap11)) {
    throw new SoapEnvelopeError('Это не SOAP-конверт (Envelope SOAP 1.1 или 1.2)');
  }
  const header = childNs(root, ns, 'Header');
  const body = childNs(root, ns, 'Body');
  if (!body) throw new SoapEnvelopeError('В SOAP-конверте нет Body');
  const payload = elementChildren(body)[0];
  const parsed: ParsedEnvelope = { soapVersion: ns === NS.soap12 ? '1.2' : '1.1', root, headers: readHeaders(header), payload };
  if (payload?.localName === 'Fault' && payload.namespaceURI === ns) parsed.fault = readFault(payload);
  return parsed;
}

function readHeaders(header: Element | undefined): ParsedEnvelope['headers'] {
  if (!header) return {};
  const addressing = (name: string) => {
    const el = childNs(header, NS.addressing, name);
    return el?.textContent?.trim() || undefined;
  };
  const replyTo = childNs(header, NS.addressing, 'ReplyTo');
  return {
    messageId: addressing('MessageID'),
    action: addressing('Action'),
    to: addressing('To'),
    replyTo: childText(replyTo, 'Address'),
    relatesTo: addressing('RelatesTo'),
    clientEntityId: childText(child(childNs(header, NS.transport, 'transportHeader'), 'authInfo'), 'clientEntityId'),
  };
}

function readFault(fault: Element): SoapFault {
  // 1.2: Code/Value, Reason/Text; 1.1: faultcode, faultstring, detail.
  const code = childText(child(fault, 'Code'), 'Value') ?? childText(fault, 'faultcode') ?? 'Receiver';
  const subcode = childText(child(child(fault, 'Code'), 'Subcode'), 'Value');
  const reason = childText(child(fault, 'Reason'), 'Text') ?? childText(fault, 'faultstring') ?? '';
  const detail = child(fault, 'Detail') ?? child(fault, 'detail');
  const parsed: SoapFault = { code: code.replace(/^.*:/, ''), reason, errors: readErrorItems(detail) };
  if (subcode) parsed.subcode = subcode;
  return parsed;
}
