import { expect, test } from 'vitest';
import { RateLimiter } from '../../../../agent/server/rate-limiter.ts';

test('allows a burst, then refills at the configured rate', () => {
  const limiter = new RateLimiter(3, 60);
  const t0 = Date.now();
  expect([limiter.take(t0), limiter.take(t0), limiter.take(t0), limiter.take(t0)]).toEqual([true, true, true, false]);
  expect(limiter.take(t0 + 500)).toBe(false);
  expect(limiter.take(t0 + 1_000)).toBe(true);
});
