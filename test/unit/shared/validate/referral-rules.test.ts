import { describe, expect, it } from 'vitest';
import type { DraftRecord } from '../../../../shared/domain/record.ts';
import { validateRecord } from '../../../../shared/validate/validate-record.ts';
import { instrumentalFacts, maximalInstrumental, maximalReferral, referralFacts } from '../../../fixtures/semd/demo-record.ts';
import { NOW } from './sample-record.ts';

// Only what these rules say (the SEMD fixtures' ЕНП is shaped like one but fails its check digit).
const issues = (record: DraftRecord) => validateRecord(record, { now: NOW }).filter((i) => /^(?:referral|study)\./.test(i.path)).map((i) => `${i.code}@${i.path}`);

const referral = () => ({ ...maximalReferral(), referral: structuredClone(referralFacts.referral!) });
const study = () => ({ ...maximalInstrumental(), study: structuredClone(instrumentalFacts.study!) });

describe('referral and study in the record', () => {
  it('takes a whole referral (coded service or words) and a whole study', () => {
    expect(issues(referral())).toEqual([]);
    expect(issues({ ...referral(), referral: { ...referralFacts.referral!, service: { code: 'B01.015.001', codeSystem: '1.2.643.5.1.13.13.11.1070', codeSystemVersion: '2.14', codeSystemName: 'Номенклатура медицинских услуг', displayName: 'Прием врача-кардиолога первичный' } } })).toEqual([]);
    expect(issues(study())).toEqual([]);
  });

  it('leaves them out without a word: the clinic settings may give them', () => {
    expect(issues(maximalReferral())).toEqual([]);
    expect(issues(maximalInstrumental())).toEqual([]);
  });

  it('names what is missing or malformed in a referral', () => {
    const r = referral();
    r.referral = { organization: { oid: '1.2.643.5.1', name: ' ' }, service: '' };
    expect(issues(r)).toEqual([
      'VALIDATION_ORGANIZATION_OID_FORMAT@referral.organization.oid',
      'VALIDATION_REQUIRED@referral.organization.name',
      'VALIDATION_REQUIRED@referral.service',
    ]);
    r.referral = { organization: referralFacts.referral!.organization, service: { code: '1' } } as never;
    expect(issues(r)).toEqual(['VALIDATION_REQUIRED@referral.service.codeSystem', 'VALIDATION_REQUIRED@referral.service.codeSystemVersion',
      'VALIDATION_REQUIRED@referral.service.codeSystemName', 'VALIDATION_REQUIRED@referral.service.displayName']);
  });

  it('names what is missing in a study, and never throws on scraped junk', () => {
    const s = study();
    s.study = { service: instrumentalFacts.study!.service, description: '' };
    expect(issues(s)).toEqual(['VALIDATION_REQUIRED@study.description']);
    expect(issues({ ...maximalReferral(), referral: 'в кардиологию' } as never)).toEqual([
      'VALIDATION_REQUIRED@referral.organization.oid', 'VALIDATION_REQUIRED@referral.organization.name', 'VALIDATION_REQUIRED@referral.service',
    ]);
    expect(issues({ ...maximalInstrumental(), study: 42 } as never)).toEqual(['VALIDATION_REQUIRED@study.service', 'VALIDATION_REQUIRED@study.description']);
  });
});
