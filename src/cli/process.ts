/**
 * The command as a process (bin/tenancy-sim.js calls it): the terminal's streams and working folder, and
 * the signals. SIGINT (Ctrl-C), SIGTERM and SIGHUP abort the command, which then stops, writes nothing and
 * leaves earlier results as they were, exiting with 128 + the signal's number; a second signal ends the
 * process at once (a lock or staging folder it leaves is repaired by the next run on that folder). When the
 * reader of stdout or stderr goes away (`| head`), that output ends quietly and the command goes on.
 */
import { endQuietlyOnClosedPipe, quietWhenClosed } from './closed-pipe.js';
import { INTERRUPTING_SIGNALS } from './io.js';
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
  // `tenancy-sim ... | head`: once the reader goes away the output has ended, quietly (no EPIPE stack trace)
  endQuietlyOnClosedPipe(process.stdout);
  endQuietlyOnClosedPipe(process.stderr);
  process.exitCode = await main(argv, {
    stdout: quietWhenClosed((s) => void process.stdout.write(s)),
    stderr: quietWhenClosed((s) => void process.stderr.write(s)),
    cwd: process.cwd(),
    isTTY: process.stderr.isTTY === true,
    signal: interrupt.signal,
  });
}
