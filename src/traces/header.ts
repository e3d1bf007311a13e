/**
 * Finding named columns in a header line, with "did you mean" for near misses. (A small copy of the
 * scenario layer's suggestions: traces sit below the scenario layer and do not import from it.)
 */

/** Levenshtein distance between `a` and `b`, case-insensitive. O(|a| x |b|). */
function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[t.length];
}

/**
 * The header name closest to `wanted` if it is a likely typo (at most a third of the longer name's length,
 * 1 to 3 edits; case differences count as none), else undefined.
 * @example closestName('timestamp', ['TimeStamp', 'fn']) // 'TimeStamp'
 */
export function closestName(wanted: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const n of names) {
    const d = editDistance(wanted, n);
    const limit = Math.min(3, Math.max(1, Math.floor(Math.max(wanted.length, n.length) / 3)));
    if (d <= limit && d < bestDistance) {
      best = n;
      bestDistance = d;
    }
  }
  return best;
}

/** `no column \`x\`` with a suggestion or the columns there are (the first 8). */
export function missingColumn(wanted: string, names: readonly string[], why = ''): string {
  const near = closestName(wanted, names);
  const found = names.length > 8 ? `${names.slice(0, 8).join(',')},... (${names.length} columns)` : names.join(',');
  return `expected a column \`${wanted}\`${why} in the header${near === undefined ? `; found ${found}` : `; did you mean \`${near}\`?`}`;
}

/** The header cells, trimmed (header names are compared exactly otherwise). */
export function headerNames(cells: readonly string[]): string[] {
  return cells.map((c) => c.trim());
}
