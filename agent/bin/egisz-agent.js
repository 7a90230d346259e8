#!/usr/bin/env node
// The package's `egisz-agent` command. The agent is TypeScript run by Node's
// own type stripping (Node >= 22.12), so there is no build step to forget.
import { runCli } from '../cli.ts';

runCli();
