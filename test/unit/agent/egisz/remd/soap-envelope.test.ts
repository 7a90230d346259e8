import { describe, expect, it } from 'vitest';
import { NS } from '../../../../../agent/egisz/remd/remd-contract.ts';
import { buildEnvelope, buildFault, newMessageId, parseEnvelope, SoapEnvelopeError } from '../../../../../agent/egisz/remd/soap-envelope.ts';

describe('soap-envelope', () => {
  it('writes transportHeader and WS-Addressing, and reads them back', () => {
    const messageId = newMessageId();
    expect(messageId).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    const xml = buildEnvelope({
      messageId, action: 'registerDocument', to: 'https://remd.test/port/emdr', replyTo: 'http://127.0.0.1:1/remd/callback',
      relatesTo: 'urn:uuid:prev', clientEntityId: 'client-1', body: (b) => b.ele(NS.service, 'ser:ping').txt('<&>'),
    });
    expect(xml).toContain(`<transportHeader xmlns="${NS.transport}"><authInfo><clientEntityId>client-1</clientEntityId>`);
    const parsed = parseEnvelope(xml);
    expect(parsed.soapVersion).toBe('1.2');
    expect(parsed.headers).toEqual({
      messageId, action: 'registerDocument', to: 'https://remd.test/port/emdr', replyTo: 'http://127.0.0.1:1/remd/callback',
      relatesTo: 'urn:uuid:prev', clientEntityId: 'client-1',
    });
    expect(parsed.payload?.localName).toBe('ping');
    expect(parsed.payload?.textContent).toBe('<&>');
    expect(parsed.fault).toBeUndefined();
  });

  it('reads a SOAP 1.2 fault with REMD errors in Detail', () => {
    const fault = parseEnvelope(buildFault({ code: 'Receiver', reason: 'лимит', errors: [{ code: 'RATE_LIMIT', message: 'Достигнут' }] })).fault;
    expect(fault).toEqual({ code: 'Receiver', reason: 'лимит', errors: [{ code: 'RATE_LIMIT', message: 'Достигнут' }] });
  });

  it('reads a SOAP 1.1 fault that has only faultcode and faultstring', () => {
    const xml = `<s:Envelope xmlns:s="${NS.soap11}"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>Bad request</faultstring></s:Fault></s:Body></s:Envelope>`;
    const parsed = parseEnvelope(xml);
    expect(parsed.soapVersion).toBe('1.1');
    expect(parsed.fault).toEqual({ code: 'Client', reason: 'Bad request', errors: [] });
  });

  it.each([
    ['not XML', 'hello'],
    ['unclosed', `<soap:Envelope xmlns:soap="${NS.soap12}"><soap:Body>`],
    ['another root', '<html><body/></html>'],
    ['no Body', `<soap:Envelope xmlns:soap="${NS.soap12}"><soap:Header/></soap:Envelope>`],
  ])('rejects %s with SOAP_MALFORMED', (_name, xml) => {
    expect(() => parseEnvelope(xml)).toThrow(SoapEnvelopeError);
  });
});
