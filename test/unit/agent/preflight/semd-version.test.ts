import { describe, expect, it } from 'vitest';
import { rebuildAsVersion, setIdOf } from '../../../../agent/preflight/semd-version.ts';
import type { CareFacts } from '../../../../agent/semd/care-facts.ts';
import { checkSemd } from '../../../../agent/semd/semd-check.ts';
import type { ClinicalRecord } from '../../../../shared/domain/record.ts';
import {
  fullCareFacts, instrumentalFacts, maximalAmbulatoryCase, maximalConsultation, maximalInstrumental, maximalReferral, referralFacts,
} from '../../../fixtures/semd/demo-record.ts';

const identity = { localUid: '7d0c3a52-9b1e-4f6a-8c2d-3e4f5a6b7c8d', setId: '0b6e2f5a-1c3d-4e5f-8a9b-0c1d2e3f4a5b', versionNumber: 2 };
const clinicFacts: CareFacts = { ...fullCareFacts, ...referralFacts, ...instrumentalFacts };

describe('semd-version: a correction built as the next version', () => {
  it.each<[string, () => ClinicalRecord]>([
    ['119', maximalConsultation],
    ['185', maximalReferral],
    ['174', maximalInstrumental],
    ['42', maximalAmbulatoryCase],
  ])('kind %s keeps the first version\'s care facts and passes the XSD and Schematron', async (kind, fixture) => {
    const xml = await rebuildAsVersion(fixture(), identity, clinicFacts);
    expect(xml, 'rebuilt').toBeDefined();
    expect(setIdOf(xml!)).toBe(identity.setId);
    expect(xml).toContain('<versionNumber value="2"/>');
    expect(xml).toContain(`extension="${identity.localUid}"`);
    const check = await checkSemd(xml!, kind);
    expect(check.issues).toEqual([]);
  });

  it('writes the facts themselves: the referral\'s service and the study\'s protocol', async () => {
    expect(await rebuildAsVersion(maximalReferral(), identity, clinicFacts)).toContain(referralFacts.referral!.organization.oid);
    expect(await rebuildAsVersion(maximalInstrumental(), identity, clinicFacts)).toContain(instrumentalFacts.study!.description);
  });

  it('gives nothing when the rebuilt document would not pass: a referral without its facts', async () => {
    expect(await rebuildAsVersion(maximalReferral(), identity)).toBeUndefined();
  });
});
