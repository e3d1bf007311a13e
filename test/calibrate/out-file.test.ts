/**
 * `calibrate --out FILE`: the fragment is written atomically (a temporary file in the same folder, then a
 * rename), only over an earlier fragment (its first line is the fragment marker), never over an input file
 * however it is named, and a failed write (a full disk) leaves the earlier file as it was.
 */
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { EXIT_OK, EXIT_OUTPUT } from '../../src/cli/io.js';
import { FIXTURES, calibrate, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const MARKER = '# tenancy-sim calibrate fragment (format 1)\n';
const LOG = readFileSync(join(FIXTURES, 'console-export.log'), 'utf8');

/** A folder with the console export as `in.log`. */
function withLog(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'in.log'), LOG);
  return dir;
}

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });

describe('--out refuses to overwrite what calibrate did not write', () => {
  test.each([
    ['the input itself', 'in.log'],
    ['the input as ./in.log', './in.log'],
    ['the input through ../', '../logs/in.log'],
    ['a symbolic link to the input', 'link.log'],
    ['a hard link to the input', 'hard.log'],
  ])('%s: exit 3, the input unchanged', async (_, out) => {
    const root = tempDir();
    const dir = join(root, 'logs');
    mkdirSync(dir);
    writeFileSync(join(dir, 'in.log'), LOG);
    symlinkSync(join(dir, 'in.log'), join(dir, 'link.log'));
    linkSync(join(dir, 'in.log'), join(dir, 'hard.log'));
    const r = await calibrate(['in.log'], { out }, dir);
    expect(r.code).toBe(EXIT_OUTPUT);
    expect(r.stderr).toBe(`tenancy-sim calibrate: cannot write ${out}: it is the input file in.log\n`);
    expect(r.stdout).toBe('');
    expect(readFileSync(join(dir, 'in.log'), 'utf8')).toBe(LOG);
  });

  test('an existing file that is not an earlier fragment: exit 3, the file unchanged', async () => {
    const dir = withLog();
    writeFileSync(join(dir, 'scenario.yaml'), 'name: mine\n');
    const r = await calibrate(['in.log'], { out: 'scenario.yaml' }, dir);
    expect(r.code).toBe(EXIT_OUTPUT);
    expect(r.stderr).toBe(
      'tenancy-sim calibrate: cannot write scenario.yaml: it exists and is not a fragment calibrate wrote (its first line is not `# tenancy-sim calibrate fragment (format 1)`); remove it or name another file\n',
    );
    expect(readFileSync(join(dir, 'scenario.yaml'), 'utf8')).toBe('name: mine\n');
  });

  test('a named pipe: exit 3 at once, nothing opened', async () => {
    const dir = withLog();
    execFileSync('mkfifo', [join(dir, 'pipe.yaml')]);
    const r = await calibrate(['in.log'], { out: 'pipe.yaml' }, dir);
    expect(r.code).toBe(EXIT_OUTPUT);
    expect(r.stderr).toBe('tenancy-sim calibrate: cannot write pipe.yaml: it is not a regular file\n');
  });

  test('a symbolic link to nothing: exit 3', async () => {
    const dir = withLog();
    symlinkSync(join(dir, 'missing.yaml'), join(dir, 'dangling.yaml'));
    const r = await calibrate(['in.log'], { out: 'dangling.yaml' }, dir);
    expect(r.code).toBe(EXIT_OUTPUT);
    expect(r.stderr).toBe('tenancy-sim calibrate: cannot write dangling.yaml: it is a symbolic link to a file that does not exist\n');
  });
});

describe('--out replaces an earlier fragment', () => {
  test('the fragment starts with the marker line and replaces the one written before', async () => {
    const dir = withLog();
    const first = await calibrate(['in.log'], { out: 'fragment.yaml' }, dir);
    expect(first.code).toBe(EXIT_OK);
    const written = readFileSync(join(dir, 'fragment.yaml'), 'utf8');
    expect(written.startsWith(MARKER)).toBe(true);
    writeFileSync(join(dir, 'fragment.yaml'), `${MARKER}# edited\n`);
    const again = await calibrate(['in.log'], { out: 'fragment.yaml' }, dir);
    expect(again.code).toBe(EXIT_OK);
    expect(readFileSync(join(dir, 'fragment.yaml'), 'utf8')).toBe(written);
    expect(readdirSync(dir).sort()).toEqual(['fragment.yaml', 'in.log']);
  });

  test('a file name as long as the file system allows (255 bytes): its temporary file still fits', async () => {
    const dir = withLog();
    const name = `${'f'.repeat(250)}.yaml`;
    const r = await calibrate(['in.log'], { out: name }, dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(EXIT_OK);
    expect(readdirSync(dir).sort()).toEqual([name, 'in.log']);
  });

  test('through a symbolic link: the fragment it points to is replaced, the link kept', async () => {
    const dir = withLog();
    writeFileSync(join(dir, 'real.yaml'), `${MARKER}# old\n`);
    symlinkSync('real.yaml', join(dir, 'link.yaml'));
    const r = await calibrate(['in.log'], { out: 'link.yaml' }, dir);
    expect(r.code).toBe(EXIT_OK);
    expect(readFileSync(join(dir, 'real.yaml'), 'utf8')).toMatch(/^# tenancy-sim calibrate fragment \(format 1\)\n[^]*functions:/);
    expect(readFileSync(join(dir, 'link.yaml'), 'utf8')).toBe(readFileSync(join(dir, 'real.yaml'), 'utf8'));
  });
});

describe('a write that fails leaves the earlier fragment intact', () => {
  test('a full disk during the write: exit 3 with a message, no stack, the earlier fragment and nothing else', async () => {
    const dir = withLog();
    const earlier = `${MARKER}# earlier\n`;
    writeFileSync(join(dir, 'fragment.yaml'), earlier);
    const r = await calibrate(['in.log'], { out: 'fragment.yaml' }, dir, {
      fs: {
        write: async (handle, text) => {
          await handle.writeFile(text.slice(0, 20));
          throw enospc();
        },
      },
    });
    expect(r.code).toBe(EXIT_OUTPUT);
    expect(r.stderr).toBe('tenancy-sim calibrate: cannot write fragment.yaml: no space left on the device (ENOSPC); fragment.yaml is unchanged\n');
    expect(readFileSync(join(dir, 'fragment.yaml'), 'utf8')).toBe(earlier);
    expect(readdirSync(dir).sort()).toEqual(['fragment.yaml', 'in.log']);
  });

  test('a rename that fails: exit 3, no temporary file left, nothing created', async () => {
    const dir = withLog();
    const denied = Object.assign(new Error('EACCES: permission denied, rename'), { code: 'EACCES' });
    const r = await calibrate(['in.log'], { out: 'new.yaml' }, dir, { fs: { rename: async () => Promise.reject(denied) } });
    expect(r.code).toBe(EXIT_OUTPUT);
    expect(r.stderr).toBe('tenancy-sim calibrate: cannot write new.yaml: permission denied (EACCES); nothing was written\n');
    expect(readdirSync(dir)).toEqual(['in.log']);
  });
});
