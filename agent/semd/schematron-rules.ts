/**
 * The Ministry's Schematron for one SEMD kind (schemas/<kind>.sch), read into
 * patterns → rules → assertions. The official files use only this subset of
 * ISO Schematron: ns, pattern, rule@context, assert/report@test with plain text
 * (no let, value-of, phases, abstract patterns or includes); anything else is
 * refused rather than silently ignored.
 */
import { readFile } from 'node:fs/promises';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { SemdError } from './semd-error.ts';
import { contextChains, isBooleanPredicate, rewritePredicates, splitTopLevel, type ContextChains } from './schematron-context.ts';
import { planContext, type ContextPlan } from './schematron-match.ts';
import { registerRegexFunctions, withCachedRegex } from './schematron-regex.ts';

const SCH = 'http://purl.oclc.org/dsdl/schematron';

export interface Assertion {
  test: string;
  /** report fires when the test is true, assert when it is false. */
  isReport: boolean;
  message: string;
  /** The rule number the message starts with, e.g. «У1-11». */
  ruleId?: string;
}

export interface Rule {
  context: string;
  /** The context as an XPath evaluated from the document node. */
  anchored: string;
  /** Element chains the context can match, or null when it cannot be pre-filtered. */
  chains: ContextChains | null;
  /** How to select the context without XPath, or null when it is not a plain path. */
  plan: ContextPlan | null;
  assertions: Assertion[];
}

export interface Pattern {
  rules: Rule[];
}

export interface RuleSet {
  kind: string;
  namespaces: ReadonlyMap<string, string>;
  patterns: Pattern[];
}

const schemasRoot = new URL('./schemas/', import.meta.url);
const ruleSets = new Map<string, Promise<RuleSet>>();

function elementsOf(parent: Element, ...names: string[]): Element[] {
  const found: Element[] = [];
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    const el = n as Element;
    if (n.nodeType === 1 && names.includes(el.localName ?? '') && el.namespaceURI === SCH) found.push(el);
  }
  return found;
}

/**
 * One branch of a context that may match anywhere, as an expression from the
 * document node. `/descendant::a[p]/b` selects what `//(a[p]/b)` does when
 * `p` is not positional, and fontoxpath runs it several times faster.
 */
function anchorAnywhere(branch: string): string {
  const steps = splitTopLevel(branch, '/');
  const first = steps[0] ?? '';
  if (steps.some((s) => s.trim() === '')) return `//(${branch})`;
  const predicates: string[] = [];
  rewritePredicates(first, (p) => (predicates.push(p), p));
  return predicates.every(isBooleanPredicate) && !first.includes('::') ? `/descendant::${branch}` : `//(${branch})`;
}

/** Rule contexts are patterns that match anywhere; the CDA root cannot nest, so `ClinicalDocument/…` is anchored. */
export function anchor(context: string): string {
  return splitTopLevel(context, '|')
    .map((raw) => {
      const branch = raw.trim();
      if (branch.startsWith('//')) return anchorAnywhere(branch.slice(2));
      if (branch.startsWith('/')) return branch;
      if (branch.startsWith('ClinicalDocument')) return `/${branch}`;
      return anchorAnywhere(branch);
    })
    .join(' | ');
}

/**
 * XSLT's current() in a rule context means the node being matched. The
 * official files use it only in a predicate of the last step (186.sch), where
 * that node is the predicate's context item: bind it with `let`.
 */
export function bindCurrent(context: string): string {
  if (!context.includes('current()')) return context;
  const steps = splitTopLevel(context, '/');
  const last = steps.at(-1) ?? '';
  if (steps.slice(0, -1).some((s) => s.includes('current()'))) {
    throw new SemdError('DOCUMENT_SCHEMA_MISSING', `current() вне последнего шага контекста правила не поддерживается: ${context}`);
  }
  const bound = rewritePredicates(last, (predicate) =>
    predicate.includes('current()') ? `let $current := . return (${predicate.replaceAll('current()', '$current')})` : predicate,
  );
  return [...steps.slice(0, -1), bound].join('/');
}

function assertion(el: Element): Assertion {
  const message = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  const ruleId = /^([^\s.]+-\d+(?:\.\d+)?)\./.exec(message)?.[1];
  return { test: withCachedRegex(el.getAttribute('test') ?? 'true()'), isReport: el.localName === 'report', message, ...(ruleId ? { ruleId } : {}) };
}

export function parseRuleSet(kind: string, source: string): RuleSet {
  registerRegexFunctions();
  const root = new DOMParser().parseFromString(source.replace(/^\uFEFF/, ''), 'text/xml').documentElement;
  if (!root || root.localName !== 'schema' || root.namespaceURI !== SCH) {
    throw new SemdError('DOCUMENT_SCHEMA_MISSING', `Файл Schematron для вида СЭМД «${kind}» повреждён`);
  }
  for (const unsupported of ['let', 'phase', 'include']) {
    if (root.getElementsByTagNameNS(SCH, unsupported).length > 0) {
      throw new SemdError('DOCUMENT_SCHEMA_MISSING', `Schematron для вида «${kind}» использует неподдерживаемый элемент ${unsupported}`);
    }
  }
  const namespaces = new Map(elementsOf(root, 'ns').map((n) => [n.getAttribute('prefix') ?? '', n.getAttribute('uri') ?? '']));
  const patterns = elementsOf(root, 'pattern').map((p) => ({
    rules: elementsOf(p, 'rule').map((r) => {
      const context = (r.getAttribute('context') ?? '').trim();
      return {
        context,
        anchored: withCachedRegex(anchor(bindCurrent(context))),
        chains: contextChains(context, namespaces),
        plan: planContext(withCachedRegex(bindCurrent(context)), namespaces),
        assertions: elementsOf(r, 'assert', 'report').map(assertion),
      };
    }),
  }));
  return { kind, namespaces, patterns };
}

/** The rule set of a kind, read once and cached. */
export function ruleSet(kind: string): Promise<RuleSet> {
  let set = ruleSets.get(kind);
  if (!set) {
    set = loadRuleSet(kind);
    set.catch(() => ruleSets.delete(kind));
    ruleSets.set(kind, set);
  }
  return set;
}

async function loadRuleSet(kind: string): Promise<RuleSet> {
  const missing = () => new SemdError('DOCUMENT_SCHEMA_MISSING', `Нет Schematron для вида СЭМД «${kind}»`);
  if (!/^\d+$/.test(kind)) throw missing();
  const source = await readFile(new URL(`${kind}.sch`, schemasRoot), 'utf8').catch(() => {
    throw missing();
  });
  return parseRuleSet(kind, source);
}
