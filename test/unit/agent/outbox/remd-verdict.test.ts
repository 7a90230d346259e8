import { expect, test } from 'vitest';
import { judgeAnswer, judgeFailure } from '../../../../agent/outbox/remd-verdict.ts';

const rejected = (...codes: string[]) => ({ status: 'rejected' as const, errors: codes.map((code) => ({ code, message: code })) });

test.each([
  ['accepted', { status: 'accepted' as const }, false, 'accepted'],
  ['temporary codes only', rejected('RATE_LIMIT', 'INTERNAL_ERROR'), false, 'retry'],
  ['a temporary and a real error', rejected('INTERNAL_ERROR', 'PERSON_NOT_FOUND'), false, 'reject'],
  ['NOT_UNIQUE after our own send', rejected('NOT_UNIQUE_PROVIDED_ID'), true, 'reconcile'],
  ['NOT_UNIQUE on a first send', rejected('NOT_UNIQUE_PROVIDED_ID'), false, 'reject'],
  ['no codes at all', rejected(), false, 'reject'],
])('%s → %s', (_name, answer, sentBefore, action) => expect(judgeAnswer(answer, sentBefore).action).toBe(action));

test('RATE_LIMIT and HTTP 429 pause everyone; a non-retriable transport error is held with its code', () => {
  expect(judgeAnswer(rejected('RATE_LIMIT'), false)).toMatchObject({ rateLimited: true });
  expect(judgeFailure({ code: 'SUBMIT_HTTP_STATUS', retriable: true, httpStatus: 429, message: 'x' })).toMatchObject({ action: 'retry', rateLimited: true });
  expect(judgeFailure({ code: 'SUBMIT_HTTP_STATUS', retriable: true, httpStatus: 503, message: 'x' })).toMatchObject({ action: 'retry', rateLimited: false });
  expect(judgeFailure({ code: 'SUBMIT_BAD_RESPONSE', retriable: false, message: 'x' })).toEqual({ action: 'reject', errors: [{ code: 'SUBMIT_BAD_RESPONSE', message: 'x' }] });
  expect(judgeFailure(new TypeError('fetch failed'))).toMatchObject({ action: 'retry' });
});

test('refusals carry the record field they concern', () => {
  expect(judgeAnswer(rejected('NO_SNILS', 'SOMETHING_NEW'), false)).toEqual({
    action: 'reject', errors: [{ code: 'NO_SNILS', message: 'NO_SNILS', path: 'patient.snils' }, { code: 'SOMETHING_NEW', message: 'SOMETHING_NEW' }],
  });
});

test('a Schematron finding REMD reports points at the care fact or the field the agent\'s own check names', () => {
  const finding = (text: string) => ({ status: 'rejected' as const, errors: [{ code: 'VALIDATION_ERROR', message: `Ошибка валидации значения: ${text}` }] });
  const place = 'У3-4. Элемент ClinicalDocument/component/structuredBody/component/section[code/@code=\'DOCINFO\'] должен иметь 1 элемент entry. /ClinicalDocument/component/structuredBody/component[1]/section';
  const snils = 'У1-21. Элемент ClinicalDocument/recordTarget/patientRole/id[2] должен иметь атрибут @extension. /ClinicalDocument/recordTarget/patientRole/id[2]';
  const pathOf = (text: string, kind?: string) => {
    const verdict = judgeAnswer(finding(text), false, kind);
    return verdict.action === 'reject' ? verdict.errors[0]!.path : verdict.action;
  };
  expect(pathOf(place, '119')).toBe('careFacts.visitPlace');
  expect(pathOf(snils, '119')).toBe('patient.snils');
  // Rule numbers differ by kind, and a text without a rule and element stays without a field.
  expect(pathOf(place, '186')).toBeUndefined();
  expect(pathOf(place)).toBeUndefined();
  expect(pathOf('cvc-complex-type.2.4.a: Invalid content', '119')).toBeUndefined();
});
