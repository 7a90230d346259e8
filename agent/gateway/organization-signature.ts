/**
 * The organization signature (egisz.md §1.5 orgSignature): where NSI 1520
 * MO_SIGN asks for it, the gateway signs the exact SEMD bytes with the
 * information system's key before the document is queued, so every send
 * (and every resend after a crash) carries the same signature.
 */
import { requiresOrganizationSignature } from '../../shared/dictionaries/document-kinds.ts';
import type { RegisterDocumentRequest } from '../egisz/remd/register-document.ts';
import type { DocumentSink } from '../jobs/document-pipeline.ts';
import type { OrganizationSigner } from './organization-key.ts';

export function withOrganizationSignature(sink: DocumentSink, signer: Pick<OrganizationSigner, 'signDetached'>): DocumentSink {
  return {
    async accept(doc) {
      const request = JSON.parse(doc.request) as RegisterDocumentRequest;
      if (!requiresOrganizationSignature(doc.kind) || request.orgSignature) return sink.accept(doc);
      // Already queued: answer its state without signing again.
      const queued = await sink.status(doc.localUid);
      if (queued) return { localUid: doc.localUid, state: queued.state, duplicate: true };
      const cms = await signer.signDetached(doc.semd);
      request.orgSignature = { data: Buffer.from(cms).toString('base64') };
      return sink.accept({ ...doc, request: JSON.stringify(request) });
    },
    status: (localUid) => sink.status(localUid),
  };
}
