/**
 * Most tests of the official Schematron are boolean combinations of a few
 * shapes — `count(x)=1`, `@code!=''`, `@codeSystem=['…','…']`,
 * `not(@nullFlavor)`, `code/@code='DGN'`, `a/b[c[@d='x']]`, `not(a|b)`,
 * `matches(@root,'…') or …`. Those are compiled here to plain JavaScript over
 * the DOM; fontoxpath is kept for everything else. A test with any other part
 * (numbers, functions, axes, positions, `..`) gets null.
 *
 * Semantics are XPath 2.0's on documents without a schema: a path as a
 * boolean is "not empty"; `path = 'x'` holds when some node's string value is
 * one of the literals and `!=` when some value differs from some literal
 * (so an absent attribute compares false both ways); an array literal
 * `['a','b']` compares member by member; matches() of an absent attribute
 * sees ''.
 */
import type { Element } from '@xmldom/xmldom';
import { cachedRegex, regexNamespace } from './schematron-regex.ts';

export type FastTest = (el: Element) => boolean;

type Namespaces = ReadonlyMap<string, string>;

/** A path's result: elements, or attribute values when it ends in `@name`. */
type Selector = (el: Element) => { elements?: Element[]; values?: string[] };

/** A part the compiler leaves to fontoxpath. */
class Unsupported extends Error {}

const TOKEN = /\s*(Q\{[^}]*\}[A-Za-z_][\w.-]*|'[^']*'|"[^"]*"|\d+(?:\.\d+)?|!=|<=|>=|[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?|[()[\],/@|=<>.*:$-])/y;

function tokenize(expr: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expr.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(expr);
    if (!m || m[1] === undefined) {
      if (/^\s*$/.test(expr.slice(start))) break;
      throw new Unsupported();
    }
    tokens.push(m[1]);
  }
  return tokens;
}

const isName = (t: string | undefined): t is string => t !== undefined && /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$/.test(t);
const isLiteral = (t: string | undefined): t is string => t !== undefined && /^(?:'[^']*'|"[^"]*")$/.test(t);
const isNumber = (t: string | undefined): t is string => t !== undefined && /^\d+$/.test(t);

const COMPARE: Record<string, (n: number, v: number) => boolean> = {
  '=': (n, v) => n === v, '!=': (n, v) => n !== v, '<': (n, v) => n < v, '<=': (n, v) => n <= v, '>': (n, v) => n > v, '>=': (n, v) => n >= v,
};

class Compiler {
  private readonly tokens: string[];
  private readonly namespaces: Namespaces;
  private at = 0;

  constructor(tokens: string[], namespaces: Namespaces) {
    this.tokens = tokens;
    this.namespaces = namespaces;
  }

  compile(): FastTest {
    const test = this.or();
    if (this.at !== this.tokens.length) throw new Unsupported();
    return test;
  }

  private peek(offset = 0): string | undefined {
    return this.tokens[this.at + offset];
  }

  private take(expected?: string): string {
    const token = this.tokens[this.at];
    if (token === undefined || (expected !== undefined && token !== expected)) throw new Unsupported();
    this.at++;
    return token;
  }

  private or(): FastTest {
    const parts = this.joined('or', () => this.and());
    return parts.length === 1 ? parts[0]! : (el) => parts.some((p) => p(el));
  }

  private and(): FastTest {
    const parts = this.joined('and', () => this.comparison());
    return parts.length === 1 ? parts[0]! : (el) => parts.every((p) => p(el));
  }

  /** `part (separator part)*`. */
  private joined<T>(separator: string, part: () => T): T[] {
    const parts = [part()];
    while (this.peek() === separator) {
      this.take();
      parts.push(part());
    }
    return parts;
  }

  private comparison(): FastTest {
    const token = this.peek();
    if (token === 'not' && this.peek(1) === '(') {
      this.take();
      this.take('(');
      const inner = this.or();
      this.take(')');
      return (el) => !inner(el);
    }
    if (token === 'count' && this.peek(1) === '(') return this.count();
    // Only the loader's cached matches() (schematron-regex.ts): the regex then means what it means there.
    if (token === `Q{${regexNamespace}}matches`) return this.matches();
    if (token === '(') {
      this.take();
      const inner = this.or();
      this.take(')');
      return inner;
    }
    const select = token === '.' ? this.self() : this.union();
    const operator = this.peek();
    if (operator !== '=' && operator !== '!=') return (el) => nonEmpty(select(el));
    this.take();
    const literals = this.literals();
    return operator === '='
      ? (el) => stringValues(select(el)).some((v) => literals.includes(v))
      : (el) => stringValues(select(el)).some((v) => literals.some((l) => l !== v));
  }

  private count(): FastTest {
    this.take('count');
    this.take('(');
    const select = this.union();
    this.take(')');
    const compare = COMPARE[this.take()];
    if (!compare) throw new Unsupported();
    const numbers = this.numbers();
    return (el) => {
      const n = size(select(el));
      return numbers.some((v) => compare(n, v));
    };
  }

  /** matches(@a, 'pattern'[, 'flags']) or matches(., …): fn:matches on one string. */
  private matches(): FastTest {
    this.take();
    this.take('(');
    const input: (el: Element) => string = this.peek() === '.' ? (this.take(), (el) => el.textContent ?? '') : this.attributeInput();
    this.take(',');
    const pattern = unquote(this.literal());
    let flags = '';
    if (this.peek() === ',') {
      this.take();
      flags = unquote(this.literal());
    }
    this.take(')');
    const re = cachedRegex(pattern, flags);
    return (el) => re.test(input(el));
  }

  private attributeInput(): (el: Element) => string {
    this.take('@');
    const name = this.attributeName(this.take());
    return (el) => attribute(el, name) ?? '';
  }

  private self(): Selector {
    this.take('.');
    return (el) => ({ elements: [el] });
  }

  private union(): Selector {
    const branches = this.joined('|', () => this.path());
    if (branches.length === 1) return branches[0]!;
    return (el) => {
      const elements = new Set<Element>();
      const values: string[] = [];
      for (const branch of branches) {
        const r = branch(el);
        r.elements?.forEach((e) => elements.add(e));
        if (r.values) values.push(...r.values);
      }
      // A union of elements and attributes never occurs in the rules; keep it simple.
      if (elements.size && values.length) throw new Unsupported();
      return values.length ? { values } : { elements: [...elements] };
    };
  }

  /** `a[p]/b/…`, optionally ending in `/@x`, or `@x` alone; child axis only. */
  private path(): Selector {
    if (this.peek() === '@') {
      this.take();
      const name = this.attributeName(this.take());
      return (el) => {
        const value = attribute(el, name);
        return { values: value === null ? [] : [value] };
      };
    }
    const steps: { name: ElementName; predicates: FastTest[] }[] = [];
    let attributeAtEnd: AttributeName | undefined;
    for (;;) {
      const name = this.elementName(this.take());
      const predicates: FastTest[] = [];
      while (this.peek() === '[') {
        this.take();
        if (isNumber(this.peek())) throw new Unsupported(); // positional
        predicates.push(this.or());
        this.take(']');
      }
      steps.push({ name, predicates });
      if (this.peek() !== '/') break;
      this.take();
      if (this.peek() === '@') {
        this.take();
        attributeAtEnd = this.attributeName(this.take());
        break;
      }
    }
    return (el) => {
      let current: Element[] = [el];
      for (const step of steps) {
        const next: Element[] = [];
        for (const parent of current) {
          for (const c of children(parent, step.name)) if (step.predicates.every((p) => p(c))) next.push(c);
        }
        current = next;
        if (!current.length) break;
      }
      if (!attributeAtEnd) return { elements: current };
      const name = attributeAtEnd;
      const values: string[] = [];
      for (const e of current) {
        const value = attribute(e, name);
        if (value !== null) values.push(value);
      }
      return { values };
    };
  }

  private literal(): string {
    const token = this.take();
    if (!isLiteral(token)) throw new Unsupported();
    return token;
  }

  /** 'x' or the array ['x', 'y']. */
  private literals(): string[] {
    if (this.peek() !== '[') return [unquote(this.literal())];
    this.take();
    const list = this.joined(',', () => unquote(this.literal()));
    this.take(']');
    return list;
  }

  /** 1 or the array [1, 3]. */
  private numbers(): number[] {
    const one = () => {
      const token = this.take();
      if (!isNumber(token)) throw new Unsupported();
      return Number(token);
    };
    if (this.peek() !== '[') return [one()];
    this.take();
    const list = this.joined(',', one);
    this.take(']');
    return list;
  }

  private elementName(token: string): ElementName {
    if (!isName(token) || token === 'or' || token === 'and') throw new Unsupported();
    const colon = token.indexOf(':');
    if (colon === -1) return { uri: '', local: token };
    const uri = this.namespaces.get(token.slice(0, colon));
    if (uri === undefined) throw new Unsupported();
    return { uri, local: token.slice(colon + 1) };
  }

  private attributeName(token: string): AttributeName {
    if (!isName(token)) throw new Unsupported();
    const colon = token.indexOf(':');
    if (colon === -1) return { uri: null, local: token };
    const uri = this.namespaces.get(token.slice(0, colon));
    if (uri === undefined) throw new Unsupported();
    return { uri, local: token.slice(colon + 1) };
  }
}

interface ElementName {
  uri: string;
  local: string;
}

interface AttributeName {
  uri: string | null;
  local: string;
}

const unquote = (literal: string): string => literal.slice(1, -1);

function attribute(el: Element, name: AttributeName): string | null {
  const attr = name.uri === null ? el.getAttributeNode(name.local) : el.getAttributeNodeNS(name.uri, name.local);
  return attr ? attr.value : null;
}

function children(el: Element, name: ElementName): Element[] {
  const found: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) {
    const child = c as Element;
    if (c.nodeType === 1 && child.localName === name.local && (child.namespaceURI ?? '') === name.uri) found.push(child);
  }
  return found;
}

const nonEmpty = (r: ReturnType<Selector>): boolean => (r.values ?? r.elements ?? []).length > 0;
const size = (r: ReturnType<Selector>): number => (r.values ?? r.elements ?? []).length;
const stringValues = (r: ReturnType<Selector>): string[] => r.values ?? (r.elements ?? []).map((e) => e.textContent ?? '');

export function compileTest(expression: string, namespaces: Namespaces): FastTest | null {
  try {
    return new Compiler(tokenize(expression.trim()), namespaces).compile();
  } catch {
    // Unsupported, or a pattern JavaScript refuses: fontoxpath answers (or fails) as before.
    return null;
  }
}
