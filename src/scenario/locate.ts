/**
 * Maps a path inside the document (`['functions', 'api', 'memoryMb']`) back to a line and column of the
 * YAML file, and an offset of the file back to a path.
 */
import { type Document, type Node, isAlias, isMap, isNode, isPair, isScalar, isSeq } from 'yaml';
import type { PathSegment } from './errors.js';

/** Whether an error is about a value or about a map key itself (an unknown or badly named key). */
export type Target = 'value' | 'key';

type AnyNode = Node | null | undefined;

function start(node: unknown): number | undefined {
  return isNode(node) && node.range ? node.range[0] : undefined;
}

function keyText(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

/** An empty value (`key:` with nothing after it) is better pointed at by its key. */
function isEmpty(node: unknown): boolean {
  return isScalar(node) && node.value === null && node.source === '';
}

/**
 * Byte offset of the node at `path`: of its key when `target` is `key` (or the value is empty). When the
 * path does not exist (a missing key), of the nearest existing ancestor: the key that introduces it (e.g.
 * `api:` for a missing `functions.api.runtime`), or the start of the list item or root map.
 * Aliases are followed into their anchored node.
 */
export function offsetOf(doc: Document, path: readonly PathSegment[], target: Target = 'value'): number {
  let node: AnyNode = doc.contents as AnyNode;
  let offset = start(node) ?? 0;
  let ancestor = offset;
  for (let i = 0; i < path.length; i++) {
    const container: AnyNode = isAlias(node) ? (node.resolve(doc) as AnyNode) : node;
    let next: AnyNode;
    let keyOffset: number | undefined;
    if (isMap(container)) {
      const pair = container.items.find((p) => isPair(p) && keyText(p.key) === String(path[i]));
      if (!pair) return ancestor;
      next = pair.value as AnyNode;
      keyOffset = start(pair.key);
    } else if (isSeq(container) && typeof path[i] === 'number') {
      next = container.items[path[i] as number] as AnyNode;
      if (next === undefined) return ancestor;
    } else {
      return ancestor;
    }
    const last = i === path.length - 1;
    const useKey = keyOffset !== undefined && ((last && target === 'key') || isEmpty(next) || start(next) === undefined);
    offset = useKey ? (keyOffset as number) : (start(next) ?? offset);
    ancestor = keyOffset ?? offset;
    node = next;
  }
  return offset;
}

/**
 * The path of the innermost node containing byte `offset` (keys included), for YAML syntax errors.
 */
export function pathAtOffset(doc: Document, offset: number): PathSegment[] {
  const path: PathSegment[] = [];
  let node: AnyNode = doc.contents as AnyNode;
  const within = (n: unknown) => isNode(n) && !!n.range && n.range[0] <= offset && offset < Math.max(n.range[2], n.range[0] + 1);
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => within(p.key) || within(p.value));
      if (!pair || keyText(pair.key) === undefined) return path;
      path.push(keyText(pair.key) as string);
      if (within(pair.key)) return path;
      node = pair.value as AnyNode;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => within(item));
      if (index < 0) return path;
      path.push(index);
      node = node.items[index] as AnyNode;
    } else {
      return path;
    }
  }
}

/** The keys of the map at `path`, in file order ([] when there is no map there). */
export function mapKeysAt(doc: Document, path: readonly PathSegment[]): string[] {
  let node: unknown = doc.contents;
  for (const seg of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (!isMap(node)) return [];
    node = node.items.find((p) => keyText(p.key) === String(seg))?.value;
  }
  if (isAlias(node)) node = node.resolve(doc);
  return isMap(node) ? node.items.map((p) => keyText(p.key)).filter((k): k is string => k !== undefined) : [];
}
