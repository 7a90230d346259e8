/** The gateway adds orgSignature where NSI 1520 MO_SIGN asks, once, over the exact SEMD bytes. */
import { expect, test } from 'vitest';
import { withOrganizationSignature } from '../../../../agent/gateway/organization-signature.ts';
import type { DocumentSink } from '../../../../agent/jobs/document-pipeline.ts';
import type { NewOutboxDocument } from '../../../../agent/outbox/outbox-store.ts';

function memorySink() {
  const queued = new Map<string, NewOutboxDocument>();
  const sink: DocumentSink = {
    async accept(doc) {
      const duplicate = queued.has(doc.localUid);
      if (!duplicate) queued.set(doc.localUid, doc);
      return { localUid: doc.localUid, state: 'signed', duplicate };
    },
    async status(localUid) {
      return queued.has(localUid) ? { state: 'signed' } : undefined;
    },
  };
  return { sink, queued };
}

const doc = (localUid: string, kind: string): NewOutboxDocument => ({
  localUid, clientId: 'c', jobId: 'j', kind, semd: new TextEncoder().encode(`<doc id="${localUid}"/>`), signature: new Uint8Array([1]),
  request: JSON.stringify({ localUid, kind, personalSignatures: [] }),
});

test('signs kinds MO_SIGN asks for (119), leaves the others (8) alone, and never signs a queued document again', async () => {
  const signed: string[] = [];
  const { sink, queued } = memorySink();
  const gateway = withOrganizationSignature(sink, { signDetached: async (content) => (signed.push(new TextDecoder().decode(content)), new Uint8Array([0x30, 0])) });

  await gateway.accept(doc('a', '119'));
  expect(JSON.parse(queued.get('a')!.request).orgSignature).toEqual({ data: 'MAA=' });
  expect(signed).toEqual(['<doc id="a"/>']);

  await gateway.accept(doc('b', '8'));
  expect(JSON.parse(queued.get('b')!.request).orgSignature).toBeUndefined();

  expect(await gateway.accept(doc('a', '119'))).toMatchObject({ duplicate: true });
  expect(signed).toHaveLength(1);
});
