import { expect, test } from 'vitest';
import { completeRecord, isoWithOffset } from '../../../../agent/jobs/record-completion.ts';
import { demoDoctor, demoOrganization } from '../../../../agent/demo/demo-clinic.ts';

test('fills organization, position and specialty from the clinic, keeps what the page gave', () => {
  const now = new Date('2026-11-26T07:30:00Z');
  const draft = { practitioner: { snils: demoDoctor.snils, lastName: 'Иванова' }, document: { kind: '119' } };
  const done = completeRecord(draft, { organization: demoOrganization, staff: [demoDoctor] }, now);
  expect(done.organization?.oid).toBe(demoOrganization.oid);
  expect(done.practitioner).toMatchObject({ lastName: 'Иванова', positionCode: '109', specialtyCode: '27' });
  expect(done.document?.kind).toBe('119');
  expect(done.document?.localUid).toMatch(/^[0-9a-f-]{36}$/);
  expect(done.document?.createdAt).toMatch(/^2026-11-26T\d{2}:30:00[+-]\d{2}:\d{2}$/);
});

test('an unknown practitioner gets no invented codes', () => {
  const done = completeRecord({ practitioner: { snils: '00000000000' } }, { organization: demoOrganization, staff: [demoDoctor] }, new Date());
  expect(done.practitioner?.positionCode).toBeUndefined();
});

test('isoWithOffset names the same instant', () => {
  const at = new Date('2026-11-26T07:30:15Z');
  expect(new Date(isoWithOffset(at)).getTime()).toBe(at.getTime());
});
