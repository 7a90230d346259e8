/**
 * A closed case from an MIS form takes the clinic's settings from the care
 * facts (visit kind, payment, diagnosis kinds, visit place); what the form
 * states wins, and an absent fact stays absent for the validator to name.
 */
import { expect, test } from 'vitest';
import { demoCareFacts, demoDoctor, demoOrganization } from '../../../../agent/demo/demo-clinic.ts';
import { completeRecord } from '../../../../agent/jobs/record-completion.ts';
import { caseWithCareFacts } from '../../../../agent/semd/case-care-facts.ts';
import { validateRecord } from '../../../../shared/validate/validate-record.ts';
import { maximalAmbulatoryCase } from '../../../fixtures/semd/demo-record.ts';

const now = new Date('2026-11-26T12:00:00+03:00');

/** The case as a form gives it: what only the form knows (services, result, stage), no clinic settings. */
function formCase() {
  const record = maximalAmbulatoryCase();
  const { visitKind: _k, paymentSource: _p, diagnosisKinds: _d, ...rest } = record.ambulatoryCase!;
  return { ...record, ambulatoryCase: { ...rest, visits: rest.visits.map(({ place: _place, ...visit }) => visit) } };
}

test('a form case without the clinic settings is invalid, and completed with the demo facts it is valid', () => {
  const draft = formCase();
  const paths = validateRecord(draft as never, { now }).filter((i) => i.severity === 'error').map((i) => i.path);
  expect(paths).toEqual(expect.arrayContaining(['ambulatoryCase.visitKind', 'ambulatoryCase.diagnosisKinds.main', 'ambulatoryCase.visits.0.place']));
  const done = completeRecord(draft as never, { organization: demoOrganization, staff: [demoDoctor], careFacts: demoCareFacts }, now);
  expect(validateRecord(done, { now }).filter((i) => i.severity === 'error')).toEqual([]);
  expect(done.ambulatoryCase?.visits?.[1]?.place).toEqual(demoCareFacts.visitPlace);
  expect(done.ambulatoryCase?.paymentSource).toEqual(demoCareFacts.paymentSource);
});

test('what the form states wins over the clinic settings', () => {
  const own = { ...demoCareFacts.visitKind!, code: '2', displayName: 'Повторное' };
  const home = { ...demoCareFacts.visitPlace!, code: '2', displayName: 'На дому' };
  const done = caseWithCareFacts({ visitKind: own, visits: [{ date: '2026-11-20', place: home, services: [] }], diagnosisKinds: { main: own } }, demoCareFacts);
  expect(done.visitKind).toBe(own);
  expect(done.visits?.[0]?.place).toBe(home);
  expect(done.diagnosisKinds).toEqual({ ...demoCareFacts.diagnosisKinds, main: own });
});

test('without care facts nothing is invented', () => {
  const done = caseWithCareFacts({ visits: [{ date: '2026-11-20' } as never] }, {});
  expect(done).toEqual({ visits: [{ date: '2026-11-20' }] });
  expect(completeRecord({ document: { kind: '119' } }, { organization: demoOrganization, staff: [] }, now).ambulatoryCase).toBeUndefined();
});
