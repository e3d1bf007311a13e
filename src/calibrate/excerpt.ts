/**
 * Text from the logs made safe to show: on a terminal, in a message or in a YAML comment it must stay on one
 * line, carry no escape sequence and be short. Control characters (C0, DEL, C1), line and paragraph
 * separators, bidirectional overrides, the byte order mark and lone surrogates are written as escapes
 * (`\n`, `\x1b`, `\u2028`), and long text is cut.
 */

/** Characters shown as escapes. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/**
 * `text` with every control character, line separator, bidirectional override and lone surrogate escaped.
 * @example escapeControl('a\nb\u001b[31m') // 'a\\nb\\x1b[31m'
 */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/** Characters of a name (function, tenant, log group, runtime) shown in a summary or a comment. */
export const NAME_CHARS = 256;
/** Characters of a log line quoted in a message about it. */
export const EXCERPT_CHARS = 60;

/**
 * At most `max` characters of `text` (a surrogate pair is not split), escaped with {@link escapeControl},
 * followed by `...` when cut.
 * @example excerpt('x'.repeat(100), 5) // 'xxxxx...'
 */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  if (text.length <= max) return escapeControl(text);
  const end = /[\ud800-\udbff]/.test(text[max - 1]) ? max - 1 : max;
  return `${escapeControl(text.slice(0, end))}...`;
}
