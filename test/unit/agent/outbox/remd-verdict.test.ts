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
