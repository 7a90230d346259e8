import type { DocumentPreview as Preview } from '../../shared/protocol/messages.ts';

/** SHA-256 in groups of four, easier to compare by eye with the agent's log. */
const groupedDigest = (hex: string): string => hex.match(/.{1,4}/g)?.join(' ') ?? hex;

/**
 * The agent's rendering of the exact bytes to be signed. It sits in a fully
 * sandboxed iframe (sandbox=""): no script, form or navigation in it can run.
 */
export function DocumentPreview({ preview }: { preview: Preview }) {
  return (
    <section class="card card--preview" aria-label="Документ">
      <h2>{preview.title}</h2>
      <iframe class="preview" sandbox="" srcdoc={preview.html} title="Предпросмотр документа" />
      <p class="digest">
        SHA-256: <span class="mono">{groupedDigest(preview.digest)}</span>
      </p>
    </section>
  );
}
