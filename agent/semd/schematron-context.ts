/**
 * A sound pre-filter for Schematron rule contexts. Most of the ~400 rules of
 * an official .sch concern sections a given document does not have; evaluating
 * each context with XPath costs far more than checking first whether the
 * element chain it names (`ClinicalDocument/component/…/section/entry`, with
 * predicates dropped) occurs in the document at all. A rule is skipped only
 * when none of its chains occurs, so the result is the same as without it.
 */

/** Chains of `{namespace}local` names; `anywhere` chains may start below the root. */
export interface ContextChains {
  absolute: string[];
  anywhere: string[];
}

/** Splits on `separator` outside brackets, parentheses and quotes. */
export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (depth === 0 && c === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Applies `rewrite` to the text of each top-level predicate `[…]` of a step. */
export function rewritePredicates(step: string, rewrite: (predicate: string) => string): string {
  let out = '';
  let depth = 0;
  let quote: string | null = null;
  let start = -1;
  for (let i = 0; i < step.length; i++) {
    const c = step[i] ?? '';
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '[' || c === '(') {
      if (depth === 0 && c === '[') {
        start = i + 1;
        out += c;
      }
      depth++;
    } else if (c === ']' || c === ')') {
      depth--;
      if (depth === 0 && c === ']') {
        out += rewrite(step.slice(start, i));
        start = -1;
      }
    }
    if (start === -1 && !(depth === 1 && c === '[')) out += c;
  }
  return out;
}

/** A predicate that can only be a boolean test, never a position like `[1]` or `[last()]`. */
export function isBooleanPredicate(predicate: string): boolean {
  const p = predicate.trim();
  if (/\bposition\s*\(|\blast\s*\(/.test(p)) return false;
  return /^not\s*\(/.test(p) || /^@/.test(p) || /[=<>]/.test(p) || /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?(?:[/[]|$)/.test(p);
}

const qualifiedName = /^(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)$/;

function stepName(step: string, namespaces: ReadonlyMap<string, string>): string | null {
  const bracket = step.indexOf('[');
  const m = qualifiedName.exec((bracket === -1 ? step : step.slice(0, bracket)).trim());
  if (!m || m[2] === undefined) return null;
  const uri = m[1] === undefined ? '' : namespaces.get(m[1]);
  return uri === undefined ? null : `{${uri}}${m[2]}`;
}

/** The chains a context can match, or null when its shape is not a plain path (then it is always evaluated). */
export function contextChains(context: string, namespaces: ReadonlyMap<string, string>): ContextChains | null {
  const chains: ContextChains = { absolute: [], anywhere: [] };
  for (const raw of splitTopLevel(context, '|')) {
    let branch = raw.trim();
    let anywhere = true;
    if (branch.startsWith('//')) branch = branch.slice(2);
    else if (branch.startsWith('/')) [branch, anywhere] = [branch.slice(1), false];
    const steps = splitTopLevel(branch, '/');
    if (steps.some((s) => s.trim() === '')) return null; // an inner `//`
    const names = steps.map((s) => stepName(s, namespaces));
    if (names.some((n) => n === null)) return null;
    (anywhere ? chains.anywhere : chains.absolute).push(names.join('/'));
  }
  return chains;
}

/** Every element chain of a document, from the root and every suffix of it. */
export interface DocumentChains {
  absolute: Set<string>;
  suffixes: Set<string>;
}

interface ElementLike {
  nodeType: number;
  namespaceURI: string | null;
  localName: string | null;
  firstChild: ElementLike | null;
  nextSibling: ElementLike | null;
}

export function documentChains(root: ElementLike): DocumentChains {
  const chains: DocumentChains = { absolute: new Set(), suffixes: new Set() };
  // `suffixes` of an element: its chain from the root first, then every shorter tail, down to its own name.
  const walk = (el: ElementLike, parentSuffixes: readonly string[]): void => {
    const name = `{${el.namespaceURI ?? ''}}${el.localName ?? ''}`;
    const suffixes = [...parentSuffixes.map((s) => `${s}/${name}`), name];
    // A chain seen before (repeated entries, components) brought all its tails along.
    if (!chains.absolute.has(suffixes[0]!)) {
      chains.absolute.add(suffixes[0]!);
      for (const suffix of suffixes) chains.suffixes.add(suffix);
    }
    for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) walk(c, suffixes);
  };
  walk(root, []);
  return chains;
}

export function mayMatch(context: ContextChains | null, doc: DocumentChains): boolean {
  if (context === null) return true;
  return context.absolute.some((c) => doc.absolute.has(c)) || context.anywhere.some((c) => doc.suffixes.has(c));
}
