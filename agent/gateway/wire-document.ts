/**
 * A signed document on the wire between a workstation and its gateway: JSON
 * with the SEMD and the CMS in base64 and the registerDocument request as an
 * object. Decoding checks the shape, not the content (the gateway verifies
 * the signature separately).
 */
import type { NewOutboxDocument } from '../outbox/outbox-store.ts';

export interface WireDocument {
  localUid: string;
  clientId: string;
  jobId: string;
  kind: string;
  semd: string;
  signature: string;
  request: Record<string, unknown>;
}

export function encodeWireDocument(doc: NewOutboxDocument): string {
  const wire: WireDocument = {
    localUid: doc.localUid, clientId: doc.clientId, jobId: doc.jobId, kind: doc.kind,
    semd: Buffer.from(doc.semd).toString('base64'), signature: Buffer.from(doc.signature).toString('base64'),
    request: JSON.parse(doc.request) as Record<string, unknown>,
  };
  return JSON.stringify(wire);
}

export function decodeWireDocument(body: Buffer): { ok: true; document: NewOutboxDocument } | { ok: false; problem: string } {
  let wire: Partial<WireDocument>;
  try {
    wire = JSON.parse(body.toString('utf8')) as Partial<WireDocument>;
  } catch {
    return { ok: false, problem: 'Ожидается JSON' };
  }
  for (const key of ['localUid', 'clientId', 'jobId', 'kind', 'semd', 'signature'] as const) {
    if (typeof wire[key] !== 'string' || !wire[key]) return { ok: false, problem: `Нет поля ${key}` };
  }
  if (typeof wire.request !== 'object' || wire.request === null) return { ok: false, problem: 'Нет поля request' };
  if (wire.request.localUid !== wire.localUid) return { ok: false, problem: 'localUid запроса и документа различаются' };
  return {
    ok: true,
    document: {
      localUid: wire.localUid!, clientId: wire.clientId!, jobId: wire.jobId!, kind: wire.kind!,
      semd: new Uint8Array(Buffer.from(wire.semd!, 'base64')), signature: new Uint8Array(Buffer.from(wire.signature!, 'base64')),
      request: JSON.stringify(wire.request),
    },
  };
}
