/**
 * The demo clinic's care facts make the demo consultation a document the
 * official XSD and 119.sch accept, and every other kind with the parts its
 * record states; a record may state its own condition.
 */
import { describe, expect, test } from 'vitest';
import { demoCareFacts } from '../../../../agent/demo/demo-clinic.ts';
import { recordCareFacts } from '../../../../agent/semd/care-facts.ts';
import { buildSemd } from '../../../../agent/semd/semd-builders.ts';
import { checkSemd } from '../../../../agent/semd/semd-check.ts';
import { validateRecord } from '../../../../shared/validate/validate-record.ts';
import type { ClinicalRecord } from '../../../../shared/domain/record.ts';
import {
  demoConsultation, fixedIdentity, instrumentalFacts, maximalAmbulatoryCase, maximalInstrumental, maximalLaboratory, maximalPrescription,
  maximalReferral, minimalConsultation, referralFacts,
} from '../../../fixtures/semd/demo-record.ts';

const now = new Date('2026-11-26T12:00:00+03:00');

describe('demo care facts', () => {
  test.each([['demo', demoConsultation()], ['minimal', minimalConsultation()]])('the %s consultation passes the official XSD and 119.sch', async (_name, record) => {
    const semd = buildSemd(record, fixedIdentity, recordCareFacts(record, demoCareFacts));
    const check = await checkSemd(semd.xml, semd.kind);
    expect(check.issues).toEqual([]);
    expect(check.ok).toBe(true);
  });

  test.each<[string, () => ClinicalRecord]>([
    ['185', () => ({ ...maximalReferral(), referral: referralFacts.referral! })],
    ['174', () => ({ ...maximalInstrumental(), study: instrumentalFacts.study! })],
    ['186', maximalLaboratory],
    ['148', maximalPrescription],
    ['42', maximalAmbulatoryCase],
  ])('with the record\'s own parts, kind %s passes its XSD and Schematron too', async (_kind, fixture) => {
    const record = fixture();
    const semd = buildSemd(record, fixedIdentity, recordCareFacts(record, demoCareFacts));
    expect((await checkSemd(semd.xml, semd.kind)).issues).toEqual([]);
  });

  test('without them 119.sch names exactly the four facts', async () => {
    const semd = buildSemd(demoConsultation(), fixedIdentity, {});
    const check = await checkSemd(semd.xml, semd.kind);
    expect(check.issues.map((i) => i.path).sort()).toEqual(
      ['careFacts.patientCondition', 'careFacts.paymentSource', 'careFacts.visitKind', 'careFacts.visitPlace'],
    );
  });

  test('the record’s own condition (NSI 1006) wins over the clinic’s and still passes', async () => {
    const record = demoConsultation();
    record.encounter.patientCondition = '2';
    expect(validateRecord(record, { now }).filter((i) => i.severity === 'error')).toEqual([]);
    const semd = buildSemd(record, fixedIdentity, recordCareFacts(record, demoCareFacts));
    expect(semd.xml).toContain('displayName="Средней тяжести"');
    expect((await checkSemd(semd.xml, semd.kind)).ok).toBe(true);
  });

  test('a condition that NSI 1006 does not know is a validation error on its field', () => {
    const record = demoConsultation();
    record.encounter.patientCondition = '99';
    expect(validateRecord(record, { now })).toContainEqual(expect.objectContaining({
      path: 'encounter.patientCondition', code: 'VALIDATION_CONDITION_UNKNOWN', severity: 'error',
    }));
  });
});
