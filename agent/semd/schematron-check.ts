/**
 * Runs the Ministry's Schematron (schemas/<kind>.sch, xslt2 query binding) on
 * a SEMD with fontoxpath, an XPath 3.1 engine in plain JavaScript.
 *
 * The official rules name CDA elements without a namespace (egisz.md §2.2a),
 * so they run on a copy of the document whose default namespace declaration
 * is removed. Within a pattern each node is checked by the first rule whose
 * context matches it, as ISO Schematron prescribes.
 */
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import fontoxpath from 'fontoxpath';
import '../egisz/remd/xmldom-regex-cache.ts';
import { locationOf } from './element-location.ts';
import { documentChains, mayMatch, type DocumentChains } from './schematron-context.ts';
import { compileTest, type FastTest } from './schematron-fast.ts';
import { newPlanCache, selectPlanned } from './schematron-match.ts';
import { ruleSet, type Assertion, type RuleSet } from './schematron-rules.ts';
import { fieldPathOf } from './semd-field-paths.ts';
import { SemdError } from './semd-error.ts';

const { evaluateXPathToBoolean, evaluateXPathToNodes } = fontoxpath;

export { locationOf };

export interface SchematronFinding {
  ruleId?: string;
  message: string;
  /** Path of the context element, e.g. /ClinicalDocument/recordTarget/patientRole/id[2]. */
  location: string;
  line?: number;
  /** The record field the finding concerns, where it can be told. */
  path?: string;
}

export interface SchematronResult {
  ok: boolean;
  findings: SchematronFinding[];
}

const rootWithDefaultNamespace = /^([\s\S]*?<ClinicalDocument\b[^>]*?)(\s+xmlns\s*=\s*(?:"urn:hl7-org:v3"|'urn:hl7-org:v3'))/;

/** Removes the declaration but keeps its line breaks, so line numbers stay those of the original. */
const stripDefaultNamespace = (xml: string): string | undefined =>
  rootWithDefaultNamespace.test(xml)
    ? xml.replace(rootWithDefaultNamespace, (_all, head: string, declaration: string) => head + ' ' + declaration.replace(/[^\n]/g, ''))
    : undefined;

/**
 * The document as the official rules expect it: CDA elements in no namespace.
 * A caller that reads the document too (the sandbox) parses it once with this
 * and hands the element to checkSchematron.
 */
export function parseForSchematron(xml: string): Element {
  const malformed = (why: string) => new SemdError('DOCUMENT_XML_MALFORMED', `Документ не является корректным СЭМД (CDA): ${why}`);
  const stripped = stripDefaultNamespace(xml);
  if (stripped === undefined) throw malformed('корневой элемент не ClinicalDocument в пространстве имён urn:hl7-org:v3');
  let problem: string | undefined;
  const parser = new DOMParser({ onError: (level, message) => { if (level !== 'warning') problem ??= message; } });
  let root: Element | null = null;
  try {
    root = parser.parseFromString(stripped, 'text/xml').documentElement;
  } catch (e) {
    problem ??= e instanceof Error ? e.message : String(e);
  }
  if (problem !== undefined || !root || root.localName !== 'ClinicalDocument' || root.namespaceURI !== null) {
    throw malformed(problem ?? 'корневой элемент не ClinicalDocument');
  }
  return root;
}

/** The innermost section holding a node and, inside it, the entry (its act or observation's code). */
function sectionOf(node: Node): { sectionCode?: string; entryCode?: string; entryCodeSystem?: string } {
  let entry: Element | undefined;
  for (let n: Node | null = node; n && n.nodeType === 1; n = n.parentNode) {
    const el = n as Element;
    if ((el.parentNode as Element | null)?.localName === 'entry') entry = el;
    if (el.localName !== 'section') continue;
    const code = codeOf(el)?.getAttribute('code') ?? undefined;
    const entryCode = entry && codeOf(entry);
    return {
      ...(code !== undefined ? { sectionCode: code } : {}),
      ...(entryCode?.getAttribute('code') ? { entryCode: entryCode.getAttribute('code')! } : {}),
      ...(entryCode?.getAttribute('codeSystem') ? { entryCodeSystem: entryCode.getAttribute('codeSystem')! } : {}),
    };
  }
  return {};
}

function codeOf(el: Element): Element | undefined {
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1 && (c as Element).localName === 'code') return c as Element;
  }
  return undefined;
}

// fontoxpath caches compiled expressions per options object: one per rule set.
const xpathOptions = new WeakMap<RuleSet, { namespaceResolver: (prefix?: string | null) => string | null }>();

function optionsFor(rules: RuleSet) {
  let options = xpathOptions.get(rules);
  if (!options) {
    options = { namespaceResolver: (prefix?: string | null) => (prefix ? (rules.namespaces.get(prefix) ?? null) : null) };
    xpathOptions.set(rules, options);
  }
  return options;
}

// Tests compiled to JavaScript where their shape allows (schematron-fast.ts), per rule set.
const fastTests = new WeakMap<RuleSet, Map<string, FastTest | null>>();

/** Evaluates a test (an assertion or a context predicate) on an element. */
function evaluator(rules: RuleSet): (test: string, node: Node) => boolean {
  const options = optionsFor(rules);
  let compiled = fastTests.get(rules);
  if (!compiled) fastTests.set(rules, (compiled = new Map()));
  const cache = compiled;
  return (test, node) => {
    let fast = cache.get(test);
    if (fast === undefined) cache.set(test, (fast = compileTest(test, rules.namespaces)));
    return fast ? fast(node as Element) : evaluateXPathToBoolean(test, node, null, {}, options);
  };
}

/**
 * The record field of a finding. An assertion like `count(addr)=1` is about
 * the child it counts, so that child's field is tried first.
 */
function pathOf(location: string, assertion: Assertion, kind: string, node: Node): string | undefined {
  const place = { kind, ...(assertion.ruleId ? { ruleId: assertion.ruleId } : {}), ...sectionOf(node) };
  const counted = /^count\(([\w.:-]+)\)/.exec(assertion.test)?.[1];
  return (counted && fieldPathOf({ ...place, location: `${location}/${counted}` })) || fieldPathOf({ ...place, location });
}

/**
 * A test the engine cannot evaluate on this document (a dynamic XPath error,
 * e.g. two values where the rule expects one) counts as failed: the document
 * is not let through on a rule nobody checked.
 */
function holds(test: () => boolean): boolean | Error {
  try {
    return test();
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

function finding(rules: RuleSet, a: Assertion, node: Node, problem?: Error): SchematronFinding {
  const location = locationOf(node);
  const path = pathOf(location, a, rules.kind, node);
  const line = (node as Node & { lineNumber?: number }).lineNumber;
  const message = problem ? `${a.message} (правило не удалось проверить: ${problem.message.split('\n')[0]})` : a.message;
  return { ...(a.ruleId ? { ruleId: a.ruleId } : {}), message, location, ...(line ? { line } : {}), ...(path ? { path } : {}) };
}

function run(rules: RuleSet, root: Element, prefilter: boolean): SchematronFinding[] {
  const document = root.ownerDocument;
  const options = optionsFor(rules);
  let chains: DocumentChains | undefined;
  const contexts = new Map<string, Node[]>();
  const planCache = newPlanCache();
  const evaluate = evaluator(rules);
  const findings: SchematronFinding[] = [];
  for (const pattern of rules.patterns) {
    const checked = new Set<Node>();
    for (const rule of pattern.rules) {
      // A planned context costs little to select even when absent; the pre-filter spares XPath runs.
      if (prefilter && !rule.plan && !mayMatch(rule.chains, (chains ??= documentChains(root)))) continue;
      let nodes = contexts.get(rule.anchored);
      if (!nodes) {
        nodes = rule.plan
          ? selectPlanned(rule.plan, root, (predicate, el) => evaluate(predicate, el), planCache)
          : (evaluateXPathToNodes(rule.anchored, document, null, {}, options) as Node[]);
        contexts.set(rule.anchored, nodes);
      }
      for (const node of nodes) {
        if (checked.has(node)) continue;
        checked.add(node);
        for (const a of rule.assertions) {
          const result = holds(() => evaluate(a.test, node));
          if (result instanceof Error) findings.push(finding(rules, a, node, result));
          else if (result === a.isReport) findings.push(finding(rules, a, node));
        }
      }
    }
  }
  return findings;
}

export interface SchematronOptions {
  /** Skip rules whose context cannot occur in the document (default); false evaluates every rule. */
  prefilter?: boolean;
}

/** `xml` is the SEMD text, or its root from parseForSchematron (rules may not change it: it is read only). */
export async function checkSchematron(xml: string | Element, kind: string, options: SchematronOptions = {}): Promise<SchematronResult> {
  const rules = await ruleSet(kind);
  const findings = run(rules, typeof xml === 'string' ? parseForSchematron(xml) : xml, options.prefilter ?? true);
  return { ok: findings.length === 0, findings };
}
