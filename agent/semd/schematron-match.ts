/**
 * Rule contexts that are plain paths — `ClinicalDocument/a/b[p][1]/c`,
 * `//x[p]/y`, unions of such — are selected by walking the document in
 * JavaScript; XPath runs only for the predicates, on the few candidate
 * elements. This is most of the Schematron's cost saved. Contexts of any
 * other shape get no plan and are evaluated by fontoxpath as a whole.
 */
import type { Element, Node } from '@xmldom/xmldom';
import { isBooleanPredicate, rewritePredicates, splitTopLevel } from './schematron-context.ts';
import { compileTest } from './schematron-fast.ts';

interface Step {
  /** `{namespace}local`, or `*` for any element. */
  name: string;
  /** In order; a numeric one is a position among what the previous ones kept. */
  predicates: string[];
}

interface Branch {
  /** `//…`: the first step may be a child of any element, not only of the document. */
  anywhere: boolean;
  steps: Step[];
  /** The cache key of each prefix of `steps` (PlanCache). */
  keys: string[];
}

export type ContextPlan = Branch[];

const stepKey = (step: Step): string => `${step.name}${step.predicates.map((p) => `[${p}]`).join('')}`;

const qualifiedName = /^(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)$/;

function planStep(text: string, namespaces: ReadonlyMap<string, string>): Step | null {
  const bracket = text.indexOf('[');
  const test = (bracket === -1 ? text : text.slice(0, bracket)).trim();
  const m = qualifiedName.exec(test);
  const uri = m?.[1] === undefined ? '' : namespaces.get(m[1]);
  if (test !== '*' && (!m || m[2] === undefined || uri === undefined)) return null;
  const predicates: string[] = [];
  rewritePredicates(text, (p) => (predicates.push(p.trim()), p));
  // A predicate the compiler takes is boolean by construction (e.g. a union of names, `[a|b]`).
  if (!predicates.every((p) => /^\d+$/.test(p) || isBooleanPredicate(p) || compileTest(p, namespaces) !== null)) return null;
  return { name: test === '*' ? '*' : `{${uri}}${m![2]}`, predicates };
}

/** A plan for a context (after current() binding and the regex rewrite), or null. */
export function planContext(context: string, namespaces: ReadonlyMap<string, string>): ContextPlan | null {
  const plan: ContextPlan = [];
  for (const raw of splitTopLevel(context, '|')) {
    let text = raw.trim();
    let anywhere = true;
    if (text.startsWith('//')) text = text.slice(2);
    else if (text.startsWith('/')) [text, anywhere] = [text.slice(1), false];
    else if (text.startsWith('ClinicalDocument')) anywhere = false;
    const steps = splitTopLevel(text, '/').map((s) => (s.trim() === '' ? null : planStep(s, namespaces)));
    if (steps.length === 0 || steps.some((s) => s === null)) return null;
    let key = anywhere ? '//' : '/';
    plan.push({ anywhere, steps: steps as Step[], keys: (steps as Step[]).map((step) => (key += `/${stepKey(step)}`)) });
  }
  return plan;
}

const nameOf = (el: Element): string => `{${el.namespaceURI ?? ''}}${el.localName ?? ''}`;

function childElements(parent: Node): Element[] {
  const found: Element[] = [];
  for (let c = parent.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) found.push(c as Element);
  return found;
}

function allElements(root: Element): Element[] {
  const found: Element[] = [root];
  for (let i = 0; i < found.length; i++) found.push(...childElements(found[i] as Element));
  return found;
}

type Holds = (predicate: string, element: Element) => boolean;

function applyStep(parents: readonly Node[], step: Step, holds: Holds): Element[] {
  const selected: Element[] = [];
  for (const parent of parents) {
    let list = step.name === '*' ? childElements(parent) : childElements(parent).filter((c) => nameOf(c) === step.name);
    for (const predicate of step.predicates) {
      if (positional(predicate)) {
        const kept = list[Number(predicate) - 1];
        list = kept ? [kept] : [];
      } else list = list.filter((el) => holds(predicate, el));
      if (list.length === 0) break;
    }
    selected.push(...list);
  }
  return selected;
}

/**
 * What the planned contexts of one document share: hundreds of rules start
 * with the same steps (`/ClinicalDocument/component/structuredBody/component/
 * section[code/@code='RESCONS']`), so each prefix is selected once; `//x`
 * looks x up in an index of the document's elements by name.
 */
export interface PlanCache {
  prefixes: Map<string, Element[]>;
  /** Every element, in the order a walk from the root meets them. */
  everything?: Element[];
  byName?: Map<string, Element[]>;
}

export const newPlanCache = (): PlanCache => ({ prefixes: new Map() });

const positional = (predicate: string): boolean => /^\d+$/.test(predicate);

function elementsNamed(cache: PlanCache, root: Element, name: string): Element[] {
  const everything = (cache.everything ??= allElements(root));
  if (name === '*') return everything;
  if (!cache.byName) {
    cache.byName = new Map();
    for (const el of everything) {
      const key = nameOf(el);
      const list = cache.byName.get(key);
      if (list) list.push(el);
      else cache.byName.set(key, [el]);
    }
  }
  return cache.byName.get(name) ?? [];
}

/** The first step of `//x[p]`: x anywhere (the same order as walking every parent's children), filtered by p. */
function anywhere(step: Step, root: Element, holds: Holds, cache: PlanCache): Element[] {
  if (step.predicates.some(positional)) {
    return applyStep([root.ownerDocument as unknown as Node, ...(cache.everything ??= allElements(root))], step, holds);
  }
  let list = elementsNamed(cache, root, step.name);
  for (const predicate of step.predicates) {
    list = list.filter((el) => holds(predicate, el));
    if (list.length === 0) break;
  }
  return list;
}

/** The elements a planned context selects; `holds` evaluates one predicate on one element. */
export function selectPlanned(plan: ContextPlan, root: Element, holds: Holds, cache: PlanCache = newPlanCache()): Element[] {
  const document = root.ownerDocument as unknown as Node;
  const result = new Set<Element>();
  for (const branch of plan) {
    let current: Node[] = [document];
    for (const [i, step] of branch.steps.entries()) {
      const key = branch.keys[i]!;
      let selected = cache.prefixes.get(key);
      if (!selected) {
        selected = branch.anywhere && i === 0 ? anywhere(step, root, holds, cache) : applyStep(current, step, holds);
        cache.prefixes.set(key, selected);
      }
      current = selected;
      if (current.length === 0) break;
    }
    for (const el of current) result.add(el as Element);
  }
  return [...result];
}
