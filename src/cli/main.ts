// The `patchwerk` command (bin/patchwerk.js loads this file through tsx).
import { runCli } from './program.ts';

process.exitCode = await runCli(process.argv);
