#!/usr/bin/env node
// Entry point of the `flotilla` command: runs the compiled CLI (built by `npm ci` through
// the package's `prepare` script), so nothing is compiled at start.
import { main } from '../dist/src/cli/main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`flotilla: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
