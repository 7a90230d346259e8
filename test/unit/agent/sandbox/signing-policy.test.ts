import { describe, expect, it } from 'vitest';
import type { RegisterDocumentRequest } from '../../../../agent/egisz/remd/register-document.ts';
import { loadFederalDataset } from '../../../../agent/sandbox/federal-dataset.ts';
import { checkSigningPolicy, expandSigningRules } from '../../../../agent/sandbox/signing-policy.ts';
import { supportedKinds } from '../../../../agent/semd/semd-builders.ts';
import { sampleRequest } from '../egisz/remd/sample-request.ts';

const codes = (change: (r: RegisterDocumentRequest) => void, dataset = loadFederalDataset()) => {
  const request = sampleRequest();
  change(request);
  return checkSigningPolicy(dataset, request).map((e) => e.code);
};

describe('sandbox REMD: «Правила подписи ЭМД» (NSI 99.2.42)', () => {
  it('registers the demo therapist (109) signing 119 as DOCTOR', () => {
    expect(codes(() => {})).toEqual([]);
  });

  it('answers POSITION_TO_ROLE_MISMATCH for a nurse (159) signing 119 as DOCTOR', () => {
    expect(codes((r) => { r.personalSignatures[0]!.signer.position = '159'; })).toEqual(['POSITION_TO_ROLE_MISMATCH']);
  });

  it.each(supportedKinds())('judges every kind the agent builds: a nurse may not sign %s as DOCTOR', (kind) => {
    expect(codes((r) => { r.kind = kind; r.personalSignatures[0]!.signer.position = '159'; })).toEqual(['POSITION_TO_ROLE_MISMATCH']);
  });

  it('answers NO_ROLE_POLICY_ON_DATE for a role without a rule, or before the rule starts', () => {
    expect(codes((r) => { r.personalSignatures[0]!.signer.role = 'HEAD_DOCTOR'; })).toEqual(['NO_ROLE_POLICY_ON_DATE']);
    expect(codes((r) => { r.creationDateTime = '2021-12-31T10:00:00+03:00'; })).toEqual(['NO_ROLE_POLICY_ON_DATE']);
  });

  it('does not judge kinds the rules leave out, nor anything when the dataset has no rules', () => {
    expect(codes((r) => { r.kind = '8'; r.personalSignatures[0]!.signer.position = '159'; })).toEqual([]);
    const bare = loadFederalDataset();
    delete bare.signingRules;
    expect(codes((r) => { r.personalSignatures[0]!.signer.position = '159'; }, bare)).toEqual([]);
  });

  it('expands the dataset to one row per kind and position', () => {
    const dataset = loadFederalDataset();
    const [rule] = dataset.signingRules!.rules;
    expect(expandSigningRules(dataset)).toHaveLength(rule!.kinds.length * rule!.positions!.length);
  });
});
