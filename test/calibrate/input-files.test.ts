/**
 * Only regular files are read: a folder, a named pipe, a device is refused at once, before anything is opened
 * for reading, so neither /dev/zero nor a FIFO without a writer holds the command up.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { EXIT_BAD_INPUT } from '../../src/cli/io.js';
import { calibrate, removeTempDirs, reportLine, tempDir } from './helpers.js';

afterAll(removeTempDirs);

/** Fails instead of waiting when `p` has not settled within `ms`. */
async function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms)));
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('only regular files are read', () => {
  test('a named pipe, /dev/zero, /dev/null: exit 2 at once, each named, a fine file not read', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'pipe.log')]);
    writeFileSync(join(dir, 'fine.log'), `${reportLine('r', 5)}\n`);
    const r = await within(calibrate(['pipe.log', '/dev/zero', '/dev/null', 'fine.log'], {}, dir), 5000);
    expect(r.code).toBe(EXIT_BAD_INPUT);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'pipe.log: is a named pipe (FIFO), not a regular file: save the export to a file and name that',
        '/dev/zero: is a device, not a regular file: save the export to a file and name that',
        '/dev/null: is a device, not a regular file: save the export to a file and name that',
        '',
      ].join('\n'),
    );
  });
});
