/**
 * The progress bar of a sweep on a terminal (cli-progress): runs done, points done, invocations simulated,
 * their rate and the time left. It appears only once the sweep has run for `afterMs` (short sweeps print
 * nothing), and writes through a function, so the core never touches process.stderr.
 */
import { SingleBar } from 'cli-progress';
import type { TaskResult } from './task.js';

/** Options of {@link SweepProgress}. */
export interface ProgressOptions {
  /** Writes terminal text (with cursor escapes). */
  write: (text: string) => void;
  /** Terminal width. Default: 80. */
  columns?: number;
  /** Wall time before the bar appears (ms). Default: 1000. */
  afterMs?: number;
  /** Runs (tasks) in all, and how many of them make one point. */
  tasks: number;
  tasksPerPoint: number;
}

const FORMAT = '{bar} {percentage}% | {points} points | {invocations} invocations | {rate}/s | ETA {eta_formatted}';

/** A lazily shown progress bar, fed with each finished task. Call {@link SweepProgress.stop} at the end. */
export class SweepProgress {
  private bar: SingleBar | null = null;
  private readonly started = Date.now();
  private readonly timer: NodeJS.Timeout;
  private done = 0;
  private invocations = 0;
  private pointsDone = 0;
  private readonly perPoint = new Map<number, number>();

  constructor(private readonly options: ProgressOptions) {
    this.timer = setTimeout(() => this.show(), options.afterMs ?? 1000);
    this.timer.unref();
  }

  /** Records a finished task. */
  taskDone(r: TaskResult): void {
    this.done++;
    this.invocations += r.invocations;
    const n = (this.perPoint.get(r.point) ?? 0) + 1;
    this.perPoint.set(r.point, n);
    if (n === this.options.tasksPerPoint) this.pointsDone++;
    this.bar?.update(this.done, this.payload());
  }

  /** Stops the bar (leaving its last line) and its timers. */
  stop(): void {
    clearTimeout(this.timer);
    this.bar?.stop();
    this.bar = null;
  }

  private payload() {
    const seconds = Math.max(0.001, (Date.now() - this.started) / 1000);
    const points = `${this.pointsDone}/${Math.round(this.options.tasks / this.options.tasksPerPoint)}`;
    return { points, invocations: this.invocations.toLocaleString('en-US'), rate: Math.round(this.invocations / seconds).toLocaleString('en-US') };
  }

  private show(): void {
    if (this.bar !== null) return;
    const write = this.options.write;
    // the few members of a writable stream cli-progress and node:readline use
    const stream = { isTTY: true, columns: this.options.columns ?? 80, write: (data: string, cb?: () => void) => (write(String(data)), cb?.(), true) };
    this.bar = new SingleBar({ format: FORMAT, stream: stream as unknown as NodeJS.WritableStream, hideCursor: false, barsize: 24, etaBuffer: 50 });
    this.bar.start(this.options.tasks, this.done, this.payload());
  }
}
