/**
 * terminalSafe, through which merge prints everything it took from a shard: no character that controls a
 * terminal or reorders text is left, and text without one is unchanged.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { terminalSafe } from '../../src/text/terminal.js';

/** C0 controls but tab and line feed, DEL, C1 controls, and Unicode's bidirectional controls. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('terminalSafe', () => {
  test('escapes each unsafe character visibly as \\u{hex}; keeps tabs, line feeds and other text', () => {
    expect(terminalSafe('a\u001b[2Jb\u0007\r\u007f\u009b\u061c\u200e\u200f\u202a\u202e\u2066\u2069x\ty\n')).toBe(
      'a\\u{1b}[2Jb\\u{7}\\u{d}\\u{7f}\\u{9b}\\u{61c}\\u{200e}\\u{200f}\\u{202a}\\u{202e}\\u{2066}\\u{2069}x\ty\n',
    );
    expect(terminalSafe('tenant-é 日本 \u00a0 \u2070 ok')).toBe('tenant-é 日本 \u00a0 \u2070 ok');
  });

  test('property (2,000 strings of any code units): nothing unsafe is left, safe text is unchanged, and escaping twice changes nothing more', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = terminalSafe(s);
        expect(UNSAFE.test(out)).toBe(false);
        if (!UNSAFE.test(s)) expect(out).toBe(s);
        expect(terminalSafe(out)).toBe(out);
      }),
      { numRuns: 2000 },
    );
  });
});
