import { describe, expect, it } from 'vitest';
import { ACTION, NS, OPERATION, ORDER } from '../../../../../agent/egisz/remd/remd-contract.ts';
import { writeRegisterDocumentRequest } from '../../../../../agent/egisz/remd/register-document.ts';
import { buildEnvelope, parseEnvelope } from '../../../../../agent/egisz/remd/soap-envelope.ts';
import { elementChildren } from '../../../../../agent/egisz/remd/xml-reader.ts';
import { sampleRequest } from './sample-request.ts';

describe('remd-contract', () => {
  it.each(Object.entries(ORDER))('lists each child of %s once', (_name, fields) => {
    expect(new Set(fields).size).toBe(fields.length);
  });

  it('names a request and a response element for every action', () => {
    expect(Object.keys(OPERATION).sort()).toEqual(Object.keys(ACTION).sort());
    for (const op of Object.values(OPERATION)) {
      expect(NS[op.ns]).toMatch(/^http:\/\/egisz\.rosminzdrav\.ru\/iehr\/emdr\//);
      expect(op.request).not.toBe(op.response);
    }
  });

  it('keeps the namespaces seen in public REMD material', () => {
    expect(NS.soap12).toBe('http://www.w3.org/2003/05/soap-envelope');
    expect(NS.transport).toBe('http://egisz.rosminzdrav.ru');
    expect(NS.service).toBe('http://egisz.rosminzdrav.ru/iehr/emdr/service/');
    expect(NS.callback).toBe('http://egisz.rosminzdrav.ru/iehr/emdr/callback/');
  });

  it('drives the order of the elements written', () => {
    const xml = buildEnvelope({ messageId: 'urn:uuid:1', action: ACTION.registerDocument, body: (b) => writeRegisterDocumentRequest(b, sampleRequest()) });
    const payload = parseEnvelope(xml).payload;
    expect(payload?.namespaceURI).toBe(NS.service);
    expect(payload?.localName).toBe(OPERATION.registerDocument.request);
    const written = elementChildren(payload!).map((e) => e.localName);
    expect(written).toEqual([...ORDER.registerDocumentRequest]);
    const patient = elementChildren(payload!).find((e) => e.localName === 'patient')!;
    expect(elementChildren(patient).map((e) => e.localName)).toEqual([...ORDER.patient]);
    expect(elementChildren(patient).every((e) => e.namespaceURI === NS.service)).toBe(true);
  });
});
