/**
 * Reading a scenario file, which the user names and anything may be: only a regular file is read (a pipe,
 * a device or a folder is refused from stat, unopened), its size is checked before reading, and no more than
 * the limit and one byte is ever read (stat may not know the size, as for /proc files, or the file may grow
 * between stat and read).
 */
import { NotRegularFile, openRegularFile } from '../traces/index.js';
import { MAX_SCENARIO_CHARS, scenarioTooLarge } from './load.js';

/** The outcome of {@link readScenarioText}: the text, or why it cannot be had, as a sentence. */
export type ScenarioText = { ok: true; text: string } | { ok: false; message: string };

/** Why a file could not be read, in words, with the system's code. */
function readProblem(e: unknown): string {
  if (e instanceof NotRegularFile) return `it is ${e.kind}, not a regular file`;
  const code = (e as NodeJS.ErrnoException).code;
  const words: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'it is a folder', ENOTDIR: 'a part of the path is not a folder', EPERM: 'not permitted' };
  return code === undefined ? (e as Error).message : words[code] !== undefined ? `${words[code]} (${code})` : code;
}

/**
 * The text (UTF-8) of the scenario file at `path`, of at most `maxBytes` (default: MAX_SCENARIO_CHARS, 2 MiB).
 * Never throws: a problem comes back as a message.
 */
export async function readScenarioText(path: string, maxBytes = MAX_SCENARIO_CHARS): Promise<ScenarioText> {
  let opened;
  try {
    opened = await openRegularFile(path);
  } catch (e) {
    return { ok: false, message: `cannot read the scenario: ${readProblem(e)}` };
  }
  const { handle, size } = opened;
  try {
    if (size > maxBytes) return { ok: false, message: scenarioTooLarge(size) };
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return { ok: false, message: scenarioTooLarge(null) };
    return { ok: true, text: buffer.toString('utf8', 0, length) };
  } catch (e) {
    return { ok: false, message: `cannot read the scenario: ${readProblem(e)}` };
  } finally {
    await handle.close();
  }
}
