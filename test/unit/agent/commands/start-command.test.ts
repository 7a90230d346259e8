import { expect, test } from 'vitest';
import { perUserPort } from '../../../../agent/commands/start-command.ts';

test('each OS user gets a distinct, stable port in the unprivileged range', () => {
  const ports = [0, 1000, 1001, 1002, 39999].map((uid) => perUserPort(uid));
  expect(new Set(ports).size).toBe(ports.length);
  expect(perUserPort(1000)).toBe(perUserPort(1000));
  for (const p of ports) expect(p).toBeGreaterThanOrEqual(20000);
  for (const p of ports) expect(p).toBeLessThan(65536);
});
