/**
 * Reads the YAML text into a document that remembers where every node is, and turns the yaml library's
 * syntax errors and warnings into located {@link ScenarioError}s.
 */
import { type Document, LineCounter, isAlias, isScalar, parseDocument, visit } from 'yaml';
import { type ScenarioError, formatPath } from './errors.js';
import { pathAtOffset } from './locate.js';

/** A parsed YAML file: its document, for locating nodes, and where its lines start. */
export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

/** The result of {@link readYaml}: the plain JS value, or the syntax errors. */
export type YamlRead = { ok: true; source: YamlSource; value: unknown } | { ok: false; source: YamlSource; errors: ScenarioError[] };

/** Aliases expanded at most this many times in all, against "billion laughs" documents. */
export const MAX_ALIAS_COUNT = 100;

/** A located error at byte `offset` of the file. */
export function errorAt(source: YamlSource, offset: number, message: string, path?: string): ScenarioError {
  const { line, col } = source.lineCounter.linePos(Math.max(0, offset));
  return { file: source.file, line, col, path: path ?? formatPath(pathAtOffset(source.doc, offset)), message };
}

const FRIENDLY: Partial<Record<string, string>> = {
  DUPLICATE_KEY: 'duplicate key: each key may appear only once in a map',
  MULTIPLE_DOCS: 'expected one YAML document, found several (remove the extra `---`)',
  TAB_AS_INDENT: 'tabs are not allowed as indentation; use spaces',
};

/** Error codes that are not consequences of an earlier syntax error. */
const INDEPENDENT = new Set(['DUPLICATE_KEY', 'BAD_DQ_ESCAPE', 'TAB_AS_INDENT', 'BAD_ALIAS', 'MULTIPLE_DOCS']);

/** Problems the yaml library does not report: keys that are lists, maps or aliases. */
function complexKeys(source: YamlSource): ScenarioError[] {
  const errors: ScenarioError[] = [];
  visit(source.doc, {
    Pair(_key, pair) {
      const k = pair.key;
      if (k !== null && (!isScalar(k) || isAlias(k))) {
        const at = (k as { range?: [number, number, number] }).range?.[0] ?? 0;
        errors.push(errorAt(source, at, 'expected a plain key (a word or a number), found a list, map or alias as a key'));
      }
    },
  });
  return errors;
}

/**
 * Parses `text` as one YAML document with unique keys and bounded alias expansion. Never throws.
 */
export function readYaml(text: string, file: string): YamlRead {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const source: YamlSource = { file, doc, lineCounter };
  // after the first syntax error the parser's further errors are mostly consequences of it: keep only
  // the first, plus every problem that stands on its own
  const syntax = doc.errors.filter((e) => !INDEPENDENT.has(e.code)).slice(0, 1);
  const kept = [...syntax, ...doc.errors.filter((e) => INDEPENDENT.has(e.code)), ...doc.warnings];
  const errors = kept.map((e) => errorAt(source, e.pos[0], FRIENDLY[e.code] ?? `invalid YAML: ${e.message.split('\n')[0]}`));
  for (const e of complexKeys(source)) errors.push(e);
  if (errors.length > 0) return { ok: false, source, errors };
  try {
    return { ok: true, source, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, source, errors: [errorAt(source, aliasOffset(source, message), `invalid YAML: ${message}`)] };
  }
}

/** Where the alias named in a toJS error is (the first alias that does not resolve), else 0. */
function aliasOffset(source: YamlSource, message: string): number {
  let offset = 0;
  visit(source.doc, {
    Alias(_key, alias) {
      if (message.includes(alias.source) && alias.range) {
        offset = alias.range[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset;
}
