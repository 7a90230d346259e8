import { expect, test } from 'vitest';
import { isRetriableRemdCode, nextAttemptDelayMs } from '../../../../agent/outbox/retry-policy.ts';

test.each([
  ['RATE_LIMIT', true], ['INTERNAL_ERROR', true], ['MIS_NOT_AVAILABLE', true],
  ['NOT_UNIQUE_PROVIDED_ID', false], ['VALIDATION_ERROR', false], ['PERSON_NOT_FOUND', false],
])('%s retriable: %s', (code, retriable) => expect(isRetriableRemdCode(code)).toBe(retriable));

test('backoff doubles with jitter inside [half, full] and is capped at five minutes', () => {
  expect(nextAttemptDelayMs(1, () => 0)).toBe(1_000);
  expect(nextAttemptDelayMs(1, () => 1)).toBe(2_000);
  expect(nextAttemptDelayMs(3, () => 1)).toBe(8_000);
  expect(nextAttemptDelayMs(30, () => 1)).toBe(300_000);
});
