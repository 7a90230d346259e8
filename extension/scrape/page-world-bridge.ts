/**
 * Reading ExtJS components from the content script. Ext lives in the page's
 * own JavaScript world, which the content script cannot see; the page-world
 * reader (entrypoints/extjs-reader.ts, injected by the background) answers a
 * DOM event with the components' values. dispatchEvent is synchronous, so one
 * ask is one answer, in the same task.
 */
export const ASK_EVENT = 'egisz:extjs-ask';
export const ANSWER_EVENT = 'egisz:extjs-answer';

export interface ExtjsReading {
  /** The id of the component's input element at this moment (ext-gen… ids change on every load). */
  inputId?: string;
  /** getValue(), dates as YYYY-MM-DD. */
  value: string;
  /** getRawValue(): the text the user sees. */
  raw: string;
}

/** Readings by component query; empty when the page has no Ext or the reader is not there yet. */
export function readExtjs(doc: Document, queries: readonly string[]): Map<string, ExtjsReading> {
  const readings = new Map<string, ExtjsReading>();
  if (queries.length === 0) return readings;
  let answer: unknown;
  const listen = (event: Event): void => {
    answer = (event as CustomEvent<unknown>).detail;
  };
  doc.addEventListener(ANSWER_EVENT, listen);
  try {
    doc.dispatchEvent(new CustomEvent(ASK_EVENT, { detail: JSON.stringify(queries) }));
  } finally {
    doc.removeEventListener(ANSWER_EVENT, listen);
  }
  if (typeof answer !== 'string') return readings;
  try {
    const parsed = JSON.parse(answer) as Record<string, Partial<ExtjsReading>>;
    for (const query of queries) {
      const item = parsed[query];
      if (!item) continue;
      readings.set(query, { inputId: typeof item.inputId === 'string' ? item.inputId : undefined, value: String(item.value ?? ''), raw: String(item.raw ?? '') });
    }
  } catch {
    // A page that answers with garbage has no readable components.
  }
  return readings;
}
