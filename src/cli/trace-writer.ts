/**
 * `--trace`: one CSV row per invocation attempt, streamed to a file in bounded memory (rows are buffered
 * a few thousand at a time and written synchronously, since the simulation loop does not yield per event).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { VariantConfig } from '../model/config.js';
import type { InvocationObserver } from '../model/simulation.js';
import { trafficKeys } from '../model/streams.js';
import { tenantIdOf } from '../model/tenants.js';

const HEADER = ['variant', 'function', 'tenant', 'arrivalMs', 'startMs', 'endMs', 'outcome', 'cold', 'environment', 'billedMs', 'limit', 'runMs', 'traffic'];
const FLUSH_ROWS = 4096;

/** invocations.csv could not be written (a full disk, a file-size limit): `code` is the system's. */
export class TraceWriteError extends Error {
  override name = 'TraceWriteError';
  constructor(readonly code: string) {
    super(`cannot write invocations.csv: ${code}`);
  }
}

/** Writes invocations.csv: `outcome` is `ran` (with its start, end, environment and handler run time),
 *  `throttled` (final 429), `retry` (429, to be retried) or `rejected` (no tenant id where one is required);
 *  `traffic` is the stream key of the traffic entry it came from (see docs/model.md, "Random numbers"). */
export class TraceWriter {
  private readonly fd: number;
  private rows: unknown[][] = [];

  /** Creates (or truncates) the file. @throws on an unwritable path. */
  constructor(path: string) {
    this.fd = openSync(path, 'w');
    this.rows.push(HEADER);
  }

  /** An observer that appends the invocations of variant `v`. */
  observerFor(v: VariantConfig): InvocationObserver {
    const width = v.config.tenants.count + 1;
    const fns = v.config.functions.map((f) => f.name);
    const keys = trafficKeys(v.config.traffic);
    const ids = new Map<number, string>();
    const who = (cell: number): [string, string] => {
      const t = cell % width;
      let id = ids.get(t);
      if (id === undefined) ids.set(t, (id = t === 0 ? '(none)' : tenantIdOf(v.config.tenants, t - 1)));
      return [fns[(cell - t) / width], id];
    };
    const push = (row: unknown[]) => {
      this.rows.push(row);
      if (this.rows.length >= FLUSH_ROWS) this.flush();
    };
    return {
      started: (now, arrivedAt, env, cell, cold, runMs, busyMs, billedMs, entry) =>
        push([v.name, ...who(cell), arrivedAt, now, now + busyMs, 'ran', cold ? 1 : 0, env, billedMs, '', runMs, keys[entry]]),
      throttled: (now, arrivedAt, cell, limit, final, entry) =>
        push([v.name, ...who(cell), arrivedAt, now, '', final ? 'throttled' : 'retry', '', '', '', limit, '', keys[entry]]),
      rejected: (now, cell, entry) => push([v.name, ...who(cell), now, '', '', 'rejected', '', '', '', '', '', keys[entry]]),
    };
  }

  /** Writes the buffered rows. @throws TraceWriteError when the file system refuses them. */
  flush(): void {
    if (this.rows.length === 0) return;
    const text = stringify(this.rows, { escape_formulas: true });
    this.rows = [];
    try {
      writeSync(this.fd, text);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== undefined) throw new TraceWriteError(code);
      throw e;
    }
  }

  /** Flushes and closes the file. @throws TraceWriteError */
  close(): void {
    try {
      this.flush();
    } finally {
      this.abandon();
    }
  }

  /** Closes the file without writing what is buffered (after an error; idempotent). */
  abandon(): void {
    if (this.closed) return;
    this.closed = true;
    this.rows = [];
    try {
      closeSync(this.fd);
    } catch {
      // already unusable
    }
  }

  private closed = false;
}
