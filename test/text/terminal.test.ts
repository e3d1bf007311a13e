/**
 * Text made safe for a terminal, and every command's output going through it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import { terminalSafe } from '../../src/text/terminal.js';

/** Characters that control a terminal or reorder text. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('terminalSafe', () => {
  test('escapes control, C1 and bidi characters visibly; keeps tabs, line feeds and other text', () => {
    expect(terminalSafe('a\u001b[2Jb\u0007\r\u009b\u202ex\ty\n')).toBe('a\\u{1b}[2Jb\\u{7}\\u{d}\\u{9b}\\u{202e}x\ty\n');
    expect(terminalSafe('a\u007f\u061c\u200e\u200f\u202a\u2066\u2069b')).toBe('a\\u{7f}\\u{61c}\\u{200e}\\u{200f}\\u{202a}\\u{2066}\\u{2069}b');
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

describe('what the commands print', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tenancy-terminal-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a description with escape sequences reaches the terminal escaped (run, validate)', async () => {
    writeFileSync(join(dir, 'esc.yaml'), 'name: esc\ndescription: "\\e]0;PWNED\\a\\e[2J\\u202eboom"\nfunctions:\n  api: { runtime: python3.13, duration: 5ms }\ntraffic:\n  - { function: api, sequential: { interval: 1s } }\n');
    let out = '';
    let err = '';
    const io = { stdout: (s: string) => void (out += s), stderr: (s: string) => void (err += s), cwd: dir };
    expect(await main(['run', 'esc.yaml', '--quiet', '--out', 'r'], io)).toBe(0);
    expect(out).toContain('esc: \\u{1b}]0;PWNED\\u{7}\\u{1b}[2J\\u{202e}boom');
    expect(UNSAFE.test(out + err)).toBe(false);
    writeFileSync(join(dir, 'bad.yaml'), 'name: bad\nfunctions:\n  api: { runtime: python3.13, duration: 5ms, "\\e]0;x\\a": 1 }\ntraffic:\n  - { function: api, sequential: { interval: 1s } }\n');
    out = '';
    err = '';
    expect(await main(['validate', 'bad.yaml'], io)).toBe(2);
    expect(err).toContain('\\u{1b}');
    expect(UNSAFE.test(out + err)).toBe(false);
  });
});
