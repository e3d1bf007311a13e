#!/usr/bin/env node
// The tenancy-sim command: all logic is in src/cli (process.ts handles the streams and the signals).
import { runProcess } from '../dist/cli/process.js';

await runProcess(process.argv.slice(2));
