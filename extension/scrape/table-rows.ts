/**
 * Fields that repeat over the rows of a table or list: a profile's `repeat`
 * groups. Each row is looked into on its own (locators relative to the row,
 * or the column by its header), and each row's paths get the row's index in
 * place of their `*`, so a case with any number of visit rows becomes that
 * many `ambulatoryCase.visits.N` in the record, each cell marked where it is.
 */
import { CONTROL_SELECTOR, controlLabels, labelKey, labelsFor } from './field-label.ts';
import { readElement } from './locate-field.ts';
import { listOf, type FieldRule, type RowFieldLocator, type RowFieldRule, type RowGroup, type RowsLocator } from './site-profile.ts';

/** One rule of a group found in one row: a plain rule with the row's paths. */
export interface RowField {
  rule: FieldRule;
  element: Element;
  raw: string;
}

/** The group's rows in the first of the documents that has any, in document order. */
export function findRows(docs: readonly Document[], group: RowGroup): Element[] {
  for (const doc of docs) {
    for (const locator of listOf(group.rows)) {
      const rows = rowsOf(doc, locator);
      if (rows.length > 0) return rows;
    }
  }
  return [];
}

/**
 * Each row's fields, rows numbered from 0 in order; a row where no rule finds
 * anything (a header, an empty spacer) takes no number.
 */
export function readRows(rows: readonly Element[], group: RowGroup): RowField[][] {
  const lookup = new RowLookup();
  const result: RowField[][] = [];
  for (const row of rows) {
    const index = result.length;
    const found: RowField[] = [];
    for (const rule of group.fields) {
      const element = locateInRow(row, rule, lookup);
      if (element) found.push({ rule: concreteRule(rule, index), element, raw: readElement(element, rule.read) });
    }
    if (found.length > 0) result.push(found);
  }
  return result;
}

/**
 * What every row of one read shares, found once: the `<label for>` texts of
 * a document and the column headers of a table, so a long table is not
 * walked again for each of its rows.
 */
class RowLookup {
  private readonly forIds = new Map<Document, Map<string, string>>();
  private readonly headers = new Map<Element | null, { cell: Element; start: number; end: number }[]>();

  labelIds(doc: Document): Map<string, string> {
    return this.forIds.get(doc) ?? this.forIds.set(doc, labelsFor(doc)).get(doc)!;
  }

  columns(row: Element): { cell: Element; start: number; end: number }[] {
    const container = headerContainer(row);
    return this.headers.get(container) ?? this.headers.set(container, placed(columnHeaders(container))).get(container)!;
  }
}

/** The row's index in place of the `*` segment of every path. */
export function concreteRule(rule: RowFieldRule, index: number): FieldRule {
  const paths = rule.paths.map((path) => path.split('.').map((segment) => (segment === '*' ? String(index) : segment)).join('.'));
  return { ...rule, paths, find: [] };
}

function rowsOf(doc: Document, locator: RowsLocator): Element[] {
  if ('selector' in locator) return [...doc.querySelectorAll(locator.selector)];
  try {
    const snapshot = doc.evaluate(locator.xpath, doc, null, 7 /* ORDERED_NODE_SNAPSHOT_TYPE */, null);
    const rows: Element[] = [];
    for (let i = 0; i < snapshot.snapshotLength; i++) {
      const node = snapshot.snapshotItem(i);
      if (node?.nodeType === 1) rows.push(node as Element);
    }
    return rows;
  } catch {
    return [];
  }
}

function locateInRow(row: Element, rule: RowFieldRule, lookup: RowLookup): Element | null {
  for (const locator of listOf(rule.find)) {
    const element = inRow(row, locator, lookup);
    if (element) return element;
  }
  return null;
}

function inRow(row: Element, locator: RowFieldLocator, lookup: RowLookup): Element | null {
  if ('selector' in locator) return safely(() => row.querySelector(locator.selector));
  if ('xpath' in locator) return safely(() => byXpath(row, locator.xpath));
  if ('column' in locator) return cellControl(row, locator.column, lookup.columns(row));
  const key = labelKey(locator.label);
  const forIds = lookup.labelIds(row.ownerDocument);
  for (const control of row.querySelectorAll(CONTROL_SELECTOR)) {
    if (controlLabels(control, forIds).some((label) => labelKey(label.text) === key)) return control;
  }
  return null;
}

/** A bad selector or XPath in a profile finds nothing rather than stopping the whole form. */
function safely(find: () => Element | null): Element | null {
  try {
    return find();
  } catch {
    return null;
  }
}

function byXpath(row: Element, xpath: string): Element | null {
  const node = row.ownerDocument.evaluate(xpath, row, null, 9 /* FIRST_ORDERED_NODE_TYPE */, null).singleNodeValue;
  return node === null ? null : node.nodeType === 1 ? (node as Element) : node.parentElement;
}

/**
 * The control in the row's cell under the header `column`, or the cell itself
 * when it holds only text. The cell must lie wholly under the header: a
 * totals cell spanning the whole row is no column's value.
 */
function cellControl(row: Element, column: string, headers: { cell: Element; start: number; end: number }[]): Element | null {
  const key = labelKey(column);
  const header = headers.find(({ cell }) => labelKey(cell.textContent ?? '') === key);
  if (!header) return null;
  const cell = placed(rowCells(row)).find(({ start, end }) => start >= header.start && end <= header.end)?.cell;
  // A header row's cell is no data: the row then finds nothing here.
  if (!cell || cell.localName === 'th' || cell.getAttribute('role') === 'columnheader') return null;
  // A grid cell wraps its text in one element (ExtJS's .x-grid-cell-inner): the mark then goes inside the cell.
  // Our own mark beside that element is not the page's.
  const wrapped = [...cell.children].filter((child) => !child.localName.startsWith('egisz-'));
  return cell.querySelector(CONTROL_SELECTOR) ?? (wrapped.length === 1 ? wrapped[0]! : cell);
}

/** The header text of the column a cell of the row stands in, for the mapper. */
export function columnOf(row: Element, cell: Element): string | undefined {
  const at = placed(rowCells(row)).find((placing) => placing.cell === cell);
  if (!at) return undefined;
  const header = placed(columnHeaders(headerContainer(row))).find(({ start, end }) => at.start >= start && at.end <= end);
  const text = header?.cell.textContent?.replace(/\s+/g, ' ').trim();
  return text || undefined;
}

/**
 * Where the row's column headers live: the ARIA grid around it when that grid
 * names its columns (ExtJS renders each row as a table of its own, the headers
 * apart), else the row's table.
 */
function headerContainer(row: Element): Element | null {
  const grid = row.closest('[role=grid], [role=treegrid]');
  if (grid?.querySelector('[role=columnheader]')) return grid;
  return row.localName === 'tr' ? row.closest('table') : null;
}

/** A table's header cells (its <thead>, else its first row of <th>), or a grid's column headers. */
function columnHeaders(container: Element | null): Element[] {
  if (!container) return [];
  if (container.localName === 'table') {
    const table = container;
    // Element queries rather than the table API, which not every DOM implements in full.
    const own = [...table.querySelectorAll('tr')].filter((r) => r.closest('table') === table);
    const isHead = (r: Element): boolean => r.parentElement?.localName === 'thead' || (cellsOf(r).length > 0 && cellsOf(r).every((c) => c.localName === 'th'));
    const head = own.find(isHead);
    return head ? cellsOf(head) : [];
  }
  return [...container.querySelectorAll('[role=columnheader]')];
}

function rowCells(row: Element): Element[] {
  if (row.localName === 'tr') return cellsOf(row);
  return [...row.querySelectorAll('[role=gridcell]')];
}

const cellsOf = (tr: Element): Element[] => [...tr.children].filter((cell) => cell.localName === 'td' || cell.localName === 'th');

/** Cells with the columns they cover, from 0: a cell with colspan="2" covers two. */
function placed(cells: readonly Element[]): { cell: Element; start: number; end: number }[] {
  let next = 0;
  return cells.map((cell) => {
    const start = next;
    next += Math.max(1, Number(cell.getAttribute('colspan')) || 1);
    return { cell, start, end: next - 1 };
  });
}
