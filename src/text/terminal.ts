/**
 * Text made safe for a terminal: untrusted strings (scenario descriptions, trace function names, tenant
 * ids, log group names, results read from a folder) could otherwise carry escape sequences that clear the
 * screen, set the window title or reorder what is shown.
 */

/** C0 and C1 control characters but tab and line feed, DEL, and Unicode's bidirectional controls. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with every character that could control a terminal replaced by a visible escape (`\u{1b}`),
 * tabs and line feeds kept.
 * @example terminalSafe('a\u001b[2Jb') // 'a\\u{1b}[2Jb'
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
