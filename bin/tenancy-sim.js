#!/usr/bin/env node
// The tenancy-sim command: all logic is in main(), which returns the exit code.
import { main } from '../dist/cli/main.js';

const interrupt = new AbortController();
process.once('SIGINT', () => interrupt.abort());
const io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  isTTY: process.stderr.isTTY === true,
  signal: interrupt.signal,
};
process.exitCode = await main(process.argv.slice(2), io);
