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

/**
 * Makes an EPIPE `error` event of `stream` (process.stdout or process.stderr) end its output quietly instead
 * of crashing the process with a stack trace; other errors are thrown as before. Idempotent.
 */
export function endQuietlyOnClosedPipe(stream: EventEmitter): void {
  if (watched.has(stream)) return;
  watched.add(stream);
  stream.on('error', (e: unknown) => {
    if (!isClosedPipe(e)) throw e;
  });
}

/**
 * `write` that stops, silently, after the first EPIPE it throws; any other error is thrown.
 * @example const out = quietWhenClosed((s) => process.stdout.write(s))
 */
export function quietWhenClosed(write: (text: string) => void): (text: string) => void {
  let closed = false;
  return (text) => {
    if (closed) return;
    try {
      write(text);
    } catch (e) {
      if (!isClosedPipe(e)) throw e;
      closed = true;
    }
  };
}
