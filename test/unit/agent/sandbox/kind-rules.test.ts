import { describe, expect, it } from 'vitest';
import type { RegisterDocumentRequest } from '../../../../agent/egisz/remd/register-document.ts';
import { checkKindRules, orgSignatureRule } from '../../../../agent/sandbox/kind-rules.ts';
import { sampleRequest } from '../egisz/remd/sample-request.ts';

const codes = (change: (r: RegisterDocumentRequest) => void) => {
  const request = sampleRequest();
  change(request);
  return checkKindRules(request).map((e) => e.code);
};

describe('kind-rules', () => {
  it.each<[string, (r: RegisterDocumentRequest) => void, string[]]>([
    ['the demo consultation', () => {}, []],
    ['an unknown kind', (r) => { r.kind = '99999'; }, ['OBJECT_NOT_FOUND']],
    ['a 119 created before the kind existed', (r) => { r.creationDateTime = '2021-06-01T10:00:00+03:00'; }, ['NO_DOCUMENT_KIND_ON_DATE']],
    ['a 119 without the patient SNILS it requires', (r) => { r.patient.snils = ''; }, ['NO_SNILS']],
    ['an unknown signer role', (r) => { r.personalSignatures[0]!.signer.role = 'WIZARD'; }, ['OBJECT_NOT_FOUND']],
    ['an unknown position', (r) => { r.personalSignatures[0]!.signer.position = '999999'; }, ['OBJECT_NOT_FOUND']],
    ['an unknown speciality', (r) => { r.personalSignatures[0]!.signer.speciality = '999999'; }, ['OBJECT_NOT_FOUND']],
  ])('%s', (_name, change, expected) => {
    expect(codes(change)).toEqual(expected);
  });

  it('knows from NSI 1520 MO_SIGN that a consultation protocol needs the organization signature', () => {
    expect(orgSignatureRule('119')).toBe('required');
    expect(orgSignatureRule('99999')).toBeUndefined();
  });
});
