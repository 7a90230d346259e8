import { describe, expect, it } from 'vitest';
import { readRegisterDocumentRequest, writeRegisterDocumentRequest } from '../../../../../agent/egisz/remd/register-document.ts';
import { buildEnvelope, parseEnvelope } from '../../../../../agent/egisz/remd/soap-envelope.ts';
import { sampleRequest } from './sample-request.ts';

const roundTrip = (xml: string) => readRegisterDocumentRequest(parseEnvelope(xml).payload!);
const envelope = (request: ReturnType<typeof sampleRequest>) =>
  buildEnvelope({ messageId: 'urn:uuid:1', action: 'registerDocument', body: (b) => writeRegisterDocumentRequest(b, request) });

describe('register-document', () => {
  it('reads back exactly what it wrote', () => {
    const request = sampleRequest();
    expect(roundTrip(envelope(request))).toEqual({ request, missing: [] });
  });

  it('carries text that looks like an entity exactly as typed', () => {
    const request = { ...sampleRequest(), documentNumber: 'К-1 &lt;2&gt; &nbsp; &#65; & <b>' };
    expect(roundTrip(envelope(request)).request.documentNumber).toBe('К-1 &lt;2&gt; &nbsp; &#65; & <b>');
  });

  it('writes gender as the NSI 1040 code and coded values with their dictionary version', () => {
    const xml = envelope({ ...sampleRequest(), patient: { ...sampleRequest().patient, gender: 'female' } });
    expect(xml).toContain('<ser:gender>2</ser:gender>');
    expect(xml).toMatch(/<ser:role version="[\d.]+">DOCTOR<\/ser:role>/);
    expect(roundTrip(xml).request.patient.gender).toBe('female');
  });

  it('leaves out absent optional fields', () => {
    const { department, documentNumber, orgSignature, ...rest } = sampleRequest();
    void department; void documentNumber; void orgSignature;
    const xml = envelope(rest);
    expect(xml).not.toContain('documentNumber');
    expect(xml).not.toContain('orgSignature');
    expect(roundTrip(xml).request.orgSignature).toBeUndefined();
  });

  it('reports a gender that is not an NSI 1040 male/female code', () => {
    const xml = envelope(sampleRequest()).replace('<ser:gender>1</ser:gender>', '<ser:gender>3</ser:gender>');
    expect(roundTrip(xml).missing).toEqual(['patient.gender']);
  });

  it('reports the required fields a request lacks', () => {
    const request = sampleRequest();
    const xml = envelope(request)
      .replace(/<ser:snils>15642781886<\/ser:snils>/, '')
      .replace(/<ser:kind>119<\/ser:kind>/, '')
      .replace(/<ser:data>MIIBc2lnbmF0dXJl<\/ser:data>/, '');
    expect(roundTrip(xml).missing).toEqual(['kind', 'patient.snils', 'personalSignatures.0.signature.data']);
  });
});
