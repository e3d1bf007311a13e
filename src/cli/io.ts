/**
 * What every command of the CLI shares: where it reads and writes ({@link CliIo}) and the exit codes it
 * returns. Exit codes: 0 success; 1 unexpected internal error; 2 bad input (scenario file or arguments);
 * 3 the output folder cannot be written; 130 interrupted.
 */
import { terminalSafe } from '../text/terminal.js';

/** Where the CLI reads and writes. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Folder relative paths resolve against. Default: process.cwd() in bin. */
  cwd: string;
  /** Whether stderr is a terminal (progress then updates one line). Default: false. */
  isTTY?: boolean;
  /** Aborted on Ctrl-C (or SIGTERM, SIGHUP): the run stops, writes nothing and keeps earlier results.
   *  Default: none. */
  signal?: AbortSignal;
  /** Writes terminal control sequences to stderr as they are, for progress lines that update in place;
   *  `main` sets it and makes `stdout` and `stderr` escape every control character (see terminalSafe), so
   *  only text already made safe may follow a control sequence. Default: none. */
  control?: (text: string) => void;
}

/** `io` with stdout and stderr escaping control characters, and `control` writing them as they are. */
export function terminalIo(io: CliIo): CliIo {
  return { ...io, stdout: (s) => io.stdout(terminalSafe(s)), stderr: (s) => io.stderr(terminalSafe(s)), control: io.stderr };
}

/** Success. */
export const EXIT_OK = 0;
/** An unexpected internal error (a bug): the stack is printed. */
export const EXIT_INTERNAL = 1;
/** Bad input: the scenario file, a trace or an argument; nothing was written. */
export const EXIT_BAD_INPUT = 2;
/** The output folder (or file) cannot be written. */
export const EXIT_OUTPUT = 3;
/** Interrupted (Ctrl-C), as shells report SIGINT: 128 + 2. */
export const EXIT_INTERRUPTED = 130;

/** The signals that interrupt a command (bin/tenancy-sim.js aborts `io.signal` with the signal's name), and
 *  the exit code of each, as shells report them: 128 + the signal's number. */
export const INTERRUPTING_SIGNALS = { SIGINT: EXIT_INTERRUPTED, SIGTERM: 143, SIGHUP: 129 } as const;

/** The exit code of a command stopped by `signal`'s abort: 130 unless it names SIGTERM (143) or SIGHUP (129). */
export function interruptedCode(signal: AbortSignal | undefined): number {
  const reason = signal?.reason as unknown;
  return typeof reason === 'string' && Object.hasOwn(INTERRUPTING_SIGNALS, reason) ? INTERRUPTING_SIGNALS[reason as keyof typeof INTERRUPTING_SIGNALS] : EXIT_INTERRUPTED;
}
