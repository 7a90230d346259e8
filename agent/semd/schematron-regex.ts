/**
 * fn:matches for the official Schematron, backed by cached JavaScript RegExps.
 * fontoxpath translates an XPath regular expression anew on every call, which
 * made half of a Schematron run; the Ministry's patterns (OIDs, dates, SNILS,
 * phone numbers) use only the syntax XPath and JavaScript share: classes,
 * quantifiers, groups, alternation, ^ and $. The rule loader rewrites
 * `matches(` to this function.
 */
import fontoxpath from 'fontoxpath';

export const regexNamespace = 'urn:egisz-bridge:semd:regex';

const cache = new Map<string, RegExp>();

/** The JavaScript RegExp for an XPath pattern and flags, made once (schematron-fast.ts uses it too). */
export function cachedRegex(pattern: string, flags: string): RegExp {
  const key = `${flags}/${pattern}`;
  let re = cache.get(key);
  if (!re) {
    if (/[^imsx]/.test(flags)) throw new Error(`Unsupported regex flags: ${flags}`);
    // XPath flag x strips whitespace from the pattern; JavaScript has no such flag.
    const source = flags.includes('x') ? pattern.replace(/\s+/g, '') : pattern;
    re = new RegExp(source, `u${flags.replace('x', '')}`);
    cache.set(key, re);
  }
  return re;
}

let registered = false;

/** Registers Q{urn:egisz-bridge:semd:regex}matches with 2 and 3 arguments, once. */
export function registerRegexFunctions(): void {
  if (registered) return;
  registered = true;
  const name = { localName: 'matches', namespaceURI: regexNamespace };
  fontoxpath.registerCustomXPathFunction(name, ['xs:string?', 'xs:string'], 'xs:boolean', (_context, input: string | null, pattern: string) =>
    cachedRegex(pattern, '').test(input ?? ''),
  );
  fontoxpath.registerCustomXPathFunction(name, ['xs:string?', 'xs:string', 'xs:string'], 'xs:boolean', (_context, input: string | null, pattern: string, flags: string) =>
    cachedRegex(pattern, flags).test(input ?? ''),
  );
}

/** `matches(` (the fn: one, not a longer name ending in it) → the cached version. */
export function withCachedRegex(expression: string): string {
  return expression.replace(/(?<![\w:.-])(?:fn:)?matches\s*\(/g, `Q{${regexNamespace}}matches(`);
}
