/**
 * When a code field holds the display text instead (an MIS often shows
 * «Врач-терапевт», not 109), the hint names the code that text stands for.
 */
import type { DictEntry } from '../dictionaries/dictionary.ts';

/** "Похоже на код 109 (Врач-терапевт): укажите код" or "" when the text matches nothing. */
export function suggestCode(text: string, byName: (text: string) => DictEntry | undefined): string {
  const entry = byName(text);
  return entry ? `Похоже, это «${entry.name}»: укажите код ${entry.code}` : '';
}
