/**
 * Records for outbox tests: the demo consultation with a given localUid and
 * no creation time (the agent stamps it, so it is never in the future).
 */
import { randomUUID } from 'node:crypto';
import type { DraftRecord } from '../../shared/domain/record.ts';
import { demoConsultation } from '../fixtures/semd/demo-record.ts';

export function outboxRecord(localUid = randomUUID(), n = 1): DraftRecord {
  const record = demoConsultation() as DraftRecord;
  const { createdAt: _stamped, ...document } = record.document!;
  return { ...record, document: { ...document, localUid, number: `К-${String(n).padStart(5, '0')}` } };
}

/** POST /admin/v1/<path> with the agent's Bearer token. */
export async function admin(access: { url: string; token: string }, method: string, path: string, body?: unknown) {
  const response = await fetch(`${access.url}/admin/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${access.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
}
