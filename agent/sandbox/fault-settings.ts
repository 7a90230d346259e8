/**
 * The body of POST /sandbox/faults: `{ reset?, latencyMs?, serverError?:
 * {next?, rate?}, rateLimit?, dropConnection?, lostResponse?, caUnavailable?, lostCallback? }`.
 */
import { FAULT_KINDS } from './fault-switches.ts';
import type { FaultSwitches } from './fault-switches.ts';

/** Applies the settings; returns a Russian problem text instead when the body is invalid. */
export function applyFaultSettings(faults: FaultSwitches, body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'Ожидается JSON-объект';
  const input = body as Record<string, unknown>;
  const known = new Set<string>(['reset', 'latencyMs', ...FAULT_KINDS]);
  const unknown = Object.keys(input).filter((k) => !known.has(k));
  if (unknown.length) return `Неизвестные переключатели: ${unknown.join(', ')}`;
  const latency = input.latencyMs;
  if (latency !== undefined && !(typeof latency === 'number' && latency >= 0 && latency <= 60_000)) {
    return 'latencyMs: число миллисекунд от 0 до 60000';
  }
  for (const kind of FAULT_KINDS) {
    const s = input[kind];
    if (s === undefined) continue;
    if (typeof s !== 'object' || s === null) return `${kind}: ожидается {next?, rate?}`;
    const { next, rate } = s as { next?: unknown; rate?: unknown };
    if (next !== undefined && !(Number.isInteger(next) && (next as number) >= 0)) return `${kind}.next: целое ≥ 0`;
    if (rate !== undefined && !(typeof rate === 'number' && rate >= 0 && rate <= 1)) return `${kind}.rate: число от 0 до 1`;
  }
  if (input.reset === true) faults.reset();
  if (typeof latency === 'number') faults.latencyMs = latency;
  for (const kind of FAULT_KINDS) {
    const s = input[kind] as { next?: number; rate?: number } | undefined;
    if (s) faults.set(kind, s);
  }
  return undefined;
}
