/**
 * The command as a process (bin/tenancy-sim.js calls it): the terminal's streams and working folder, and
 * the signals. SIGINT (Ctrl-C), SIGTERM and SIGHUP abort the command, which then stops, writes nothing and
 * leaves earlier results as they were, exiting with 128 + the signal's number; a second signal ends the
 * process at once (a lock or staging folder it leaves is repaired by the next run on that folder). When the
 * reader of stdout or stderr goes away (`| head`), that output ends quietly and the command goes on; when
 * it cannot be written (a full disk), it ends too, and the command exits with 3 after saying so.
 */
import { endQuietlyOnClosedPipe, quietWhenClosed } from './closed-pipe.js';
import { EXIT_OK, EXIT_OUTPUT, INTERRUPTING_SIGNALS } from './io.js';
import { main } from './main.js';

/** Runs `tenancy-sim argv...` in this process and sets its exit code. */
export async function runProcess(argv: string[]): Promise<void> {
  const interrupt = new AbortController();
  for (const [signal, code] of Object.entries(INTERRUPTING_SIGNALS)) {
    process.on(signal, () => {
      if (interrupt.signal.aborted) process.exit(code);
      interrupt.abort(signal);
    });
  }
  // `tenancy-sim ... | head`: once the reader goes away the output has ended, quietly (no EPIPE stack
  // trace). Output that cannot be written (`> /dev/full`: ENOSPC) ends too, and the exit code says so.
  const failed: string[] = [];
  const failure = (stream: string) => (code: string) => void failed.push(`${stream}: ${code}`);
  endQuietlyOnClosedPipe(process.stdout, failure('standard output'));
  endQuietlyOnClosedPipe(process.stderr, failure('standard error'));
  const stderr = quietWhenClosed((s) => void process.stderr.write(s), failure('standard error'));
  const code = await main(argv, {
    stdout: quietWhenClosed((s) => void process.stdout.write(s), failure('standard output')),
    stderr,
    cwd: process.cwd(),
    isTTY: process.stderr.isTTY === true,
    signal: interrupt.signal,
  });
  // a write error of a stream may come after the write returned: flush both before deciding the exit code
  const flush = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => {
    try {
      stream.write('', () => resolve());
    } catch {
      resolve();
    }
  });
  await flush(process.stdout);
  await flush(process.stderr);
  if (failed.length > 0) stderr(`tenancy-sim: could not write the command's output (${failed.join(', ')})\n`);
  process.exitCode = failed.length > 0 && code === EXIT_OK ? EXIT_OUTPUT : code;
}
