/**
 * Subjects of the Russian Federation (NSI 1.2.643.5.1.13.13.99.2.206), used for
 * address:stateCode. An organization's FRMO OID carries its region:
 * 1.2.643.5.1.13.13.12.2.<region>.<n>.
 */
import regions from './data/regions-206.json' with { type: 'json' };
import type { CodedValue } from './coded-value.ts';
import { codedFrom } from './nsi-extract.ts';


export function regionCode(code: string): CodedValue | undefined {
  return codedFrom(regions, code);
}

/** The region of an organization from its FRMO OID, if it has the usual shape. */
export function regionOfOrganization(orgOid: string): CodedValue | undefined {
  const m = /^1\.2\.643\.5\.1\.13\.13\.12\.2\.(\d+)\./.exec(orgOid);
  return m?.[1] === undefined ? undefined : regionCode(m[1]);
}

/** The region named in a free-text address («г. Москва, ул. …»), the longest name that matches. */
export function regionOfAddress(line: string): CodedValue | undefined {
  const text = line.toLowerCase();
  let best: { code: string; length: number } | undefined;
  for (const entry of regions.entries) {
    const name = entry.name.toLowerCase();
    if (text.includes(name) && name.length > (best?.length ?? 0)) best = { code: entry.code, length: name.length };
  }
  return best ? regionCode(best.code) : undefined;
}
