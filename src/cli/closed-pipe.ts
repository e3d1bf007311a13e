/**
 * Output whose reader may go away: `tenancy-sim calibrate ... | head -c 10` (or `run --json | head`) closes the pipe after ten bytes,
 * and the next write fails with EPIPE, thrown by a test's io or emitted as an `error` event by
 * process.stdout. Either way the output has simply ended: nothing more is written to that stream, nothing is
 * reported, and the command goes on (a `--out` file is still written) to its usual exit code.
 */
import type { EventEmitter } from 'node:events';

const isClosedPipe = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code === 'EPIPE';

/** Streams already watched by {@link endQuietlyOnClosedPipe}. */
const watched = new WeakSet<EventEmitter>();

/** A system error with a code (ENOSPC on a full disk, EFBIG past a file size limit, EIO, ...). */
const systemCode = (e: unknown): string | null => {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : null;
};

/**
 * Makes an EPIPE `error` event of `stream` (process.stdout or process.stderr) end its output quietly instead
 * of crashing the process with a stack trace. Another system error (a full disk: ENOSPC) goes to
 * `onFailure` when one is given, else it is thrown as before. Idempotent: the first call decides.
 */
export function endQuietlyOnClosedPipe(stream: EventEmitter, onFailure?: (code: string) => void): void {
  if (watched.has(stream)) return;
  watched.add(stream);
  stream.on('error', (e: unknown) => {
    if (isClosedPipe(e)) return;
    const code = systemCode(e);
    if (code === null || onFailure === undefined) throw e;
    onFailure(code);
  });
}

/**
 * `write` that stops, silently, after the first EPIPE it throws; after another system error (ENOSPC, EFBIG)
 * it stops too and tells `onFailure`, when one is given; any other error is thrown.
 * @example const out = quietWhenClosed((s) => process.stdout.write(s))
 */
export function quietWhenClosed(write: (text: string) => void, onFailure?: (code: string) => void): (text: string) => void {
  let closed = false;
  return (text) => {
    if (closed) return;
    try {
      write(text);
    } catch (e) {
      if (isClosedPipe(e)) {
        closed = true;
        return;
      }
      const code = systemCode(e);
      if (code === null || onFailure === undefined) throw e;
      closed = true;
      onFailure(code);
    }
  };
}
