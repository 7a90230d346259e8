/**
 * Section narrative (CDA NarrativeBlock): what a person reads, generated from
 * the same data as the coded entries. Only paragraph and table are used.
 */
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { xmlText } from '../xml/xml-text.ts';

/** One paragraph per non-empty line of the text. */
export function paragraphs(textEl: XMLBuilder, value: string): void {
  const lines = xmlText(value).split('\n').map((l) => l.trim()).filter((l) => l !== '');
  for (const line of lines) textEl.ele('paragraph').txt(line);
}

export function table(textEl: XMLBuilder, headers: readonly string[], rows: readonly (readonly string[])[]): void {
  const t = textEl.ele('table');
  const head = t.ele('thead').ele('tr');
  for (const h of headers) head.ele('th').txt(xmlText(h));
  const body = t.ele('tbody');
  for (const row of rows) {
    const tr = body.ele('tr');
    for (const cell of row) tr.ele('td').txt(xmlText(cell));
  }
}
