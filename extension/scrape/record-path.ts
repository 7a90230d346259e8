import type { DraftRecord } from '../../shared/domain/record.ts';

/**
 * Reads and writes record leaves by dotted path ("encounter.diagnoses.0.code"),
 * the same paths validation issues carry. Numeric segments index arrays.
 */
type Node = Record<string, unknown> | unknown[];

/** Sets a leaf (a text, or an object such as a coded value); undefined removes it. */
export function setRecordValue(record: DraftRecord, path: string, value: unknown): void {
  const segments = path.split('.');
  let node: Node = record as Record<string, unknown>;
  for (const [i, segment] of segments.entries()) {
    const key = keyOf(segment);
    if (i === segments.length - 1) {
      if (value === undefined) deleteKey(node, key);
      else (node as Record<string | number, unknown>)[key] = value;
      return;
    }
    const next: unknown = (node as Record<string | number, unknown>)[key];
    const child: Node = isNode(next) ? next : isIndex(segments[i + 1]) ? [] : {};
    (node as Record<string | number, unknown>)[key] = child;
    node = child;
  }
}

export function getRecordValue(record: DraftRecord, path: string): unknown {
  let node: unknown = record;
  for (const segment of path.split('.')) {
    if (!isNode(node)) return undefined;
    node = (node as Record<string | number, unknown>)[keyOf(segment)];
  }
  return node;
}

/** Whether two leaves hold the same value: coded values are fresh objects on every read. */
export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (isNode(a) && isNode(b) && JSON.stringify(a) === JSON.stringify(b));
}

const isIndex = (segment: string | undefined): boolean => segment !== undefined && /^\d+$/.test(segment);
const keyOf = (segment: string): string | number => (isIndex(segment) ? Number(segment) : segment);
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;

function deleteKey(node: Node, key: string | number): void {
  if (Array.isArray(node) && typeof key === 'number') node[key] = undefined;
  else delete (node as Record<string | number, unknown>)[key];
}
