/**
 * The DocumentSink of an agent that is its own gateway: signed documents go
 * into this process's outbox and the submitter is woken to send them.
 * Queuing a localUid twice answers the document already queued (idempotent).
 */
import type { DocumentSink } from '../jobs/document-pipeline.ts';
import { OutboxDuplicateError, type NewOutboxDocument, type OutboxStore } from './outbox-store.ts';

export function localOutboxSink(store: OutboxStore, kick: () => void): DocumentSink {
  return {
    async accept(doc: NewOutboxDocument) {
      try {
        const added = await store.add(doc);
        kick();
        return { localUid: added.localUid, state: added.state, duplicate: false };
      } catch (err) {
        if (!(err instanceof OutboxDuplicateError)) throw err;
        const existing = (await store.get(doc.localUid))!;
        return { localUid: existing.localUid, state: existing.state, duplicate: true };
      }
    },
    status: async (localUid: string) => store.status(localUid),
  };
}
