/**
 * Parses and shape-checks one frame from the extension. The agent trusts
 * nothing it receives: every frame is checked before anything acts on it.
 */
import type { ClientFrame } from './messages.ts';

export type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; reason: string };

const isText = (v: unknown, max = 256): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const shapes: Record<ClientFrame['type'], (f: Record<string, unknown>) => boolean> = {
  ping: () => true,
  pair: (f) => isText(f.code, 16),
  auth: (f) => isText(f.clientId, 64) && isText(f.mac, 128),
  prepare: (f) => isText(f.id, 64) && isText(f.origin, 2048) && isObject(f.record),
  sign: (f) => isText(f.id, 64) && isText(f.jobId, 64) && isText(f.pin, 64) && isText(f.certificate, 128),
  'job-status': (f) => isText(f.id, 64) && isText(f.jobId, 64),
  certificates: (f) => isText(f.id, 64),
  queue: (f) => isText(f.id, 64) && (f.limit === undefined || (Number.isInteger(f.limit) && (f.limit as number) > 0 && (f.limit as number) <= 500)),
  // The count limit is the agent's to refuse with a clear message; this only bounds the frame.
  'sign-batch': (f) =>
    isText(f.id, 64) && isText(f.pin, 64) && isText(f.certificate, 128) &&
    Array.isArray(f.jobIds) && f.jobIds.length > 0 && f.jobIds.length <= 1000 && f.jobIds.every((j) => isText(j, 64)),
  cases: (f) => isText(f.id, 64) && (f.snils === undefined || isSnils(f.snils)),
  'case-edit': (f) => isText(f.id, 64) && isSnils(f.snils) && isObject(f.edit) && isCaseEdit(f.edit),
  diagnostics: (f) => isText(f.id, 64),
};

const isSnils = (v: unknown) => typeof v === 'string' && /^\d{11}$/.test(v);
const isDay = (v: unknown) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

function isCaseEdit(e: Record<string, unknown>): boolean {
  switch (e.action) {
    case 'move': return isText(e.localUid, 64) && (e.caseId === undefined || isText(e.caseId, 128));
    case 'split': return isText(e.localUid, 64);
    case 'merge': return isText(e.caseId, 128) && isText(e.intoCaseId, 128);
    case 'close': return isText(e.caseId, 128) && isDay(e.closeDate) && (e.result === undefined || isText(e.result, 16));
    default: return false;
  }
}

export function parseClientFrame(text: string): ParsedFrame {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (!isObject(value) || typeof value.type !== 'string') return { ok: false, reason: 'no frame type' };
  const check = shapes[value.type as ClientFrame['type']];
  if (!check) return { ok: false, reason: `unknown frame type` };
  if (!check(value)) return { ok: false, reason: `malformed ${value.type} frame` };
  return { ok: true, frame: value as unknown as ClientFrame };
}
