/**
 * Function keys of the Azure formats. Both datasets identify a function by its app and function hashes (the
 * 2021 one documents func as unique only within its app), so a trace function is an (app, function) pair.
 */

/**
 * Key of each (app, function) pair: the function hash, or `app/function` for a function hash that appears
 * under more than one app.
 * @example functionKeys(Int32Array.of(0, 1, 1), ['f', 'f', 'g'], ['a', 'b']) // ['a/f', 'b/f', 'g']
 */
export function functionKeys(appOf: Int32Array, fnHashes: readonly string[], apps: readonly string[]): string[] {
  const count = new Map<string, number>();
  for (const f of fnHashes) count.set(f, (count.get(f) ?? 0) + 1);
  return fnHashes.map((f, i) => (count.get(f)! > 1 ? `${apps[appOf[i]]}/${f}` : f));
}
