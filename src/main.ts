#!/usr/bin/env node
// The hearth command. Each subcommand lives in src/cli/; this file only dispatches.
import { runCli } from './cli/cli.js';

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, stdin: process.stdin });
if (code !== undefined) process.exitCode = code;
