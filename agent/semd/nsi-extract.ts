/**
 * The small NSI extracts in data/ (see schemas/SOURCES.md): dictionaries the
 * SEMD templates need that shared/dictionaries does not carry.
 */
import type { CodedValue } from './coded-value.ts';

export interface NsiExtract {
  oid: string;
  version: string;
  name: string;
  entries: readonly { code: string; name: string }[];
}

export function codedFrom(extract: NsiExtract, code: string): CodedValue | undefined {
  const entry = extract.entries.find((e) => e.code === code);
  return entry
    ? { code, displayName: entry.name, codeSystem: extract.oid, codeSystemVersion: extract.version, codeSystemName: extract.name }
    : undefined;
}
