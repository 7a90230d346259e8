import { expect, test } from 'vitest';
import { isAllowedHost } from '../../../../agent/server/host-check.ts';

test.each([
  ['127.0.0.1:17346', true],
  ['localhost:17346', true],
  ['[::1]:17346', true],
  ['127.0.0.1:17347', false],
  ['127.0.0.1', false],
  ['evil.example:17346', false],
  ['127.0.0.1.nip.io:17346', false],
  [undefined, false],
])('Host %s allowed: %s', (host, allowed) => {
  expect(isAllowedHost(host, 17346)).toBe(allowed);
});
