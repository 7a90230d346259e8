/**
 * A stand-alone EGISZ sandbox process for tests that kill the agent: it must
 * outlive the agent, so it runs apart. Usage:
 *   node test/support/sandbox-main.ts DATASET.json
 * prints {"url": "http://127.0.0.1:<port>"} on stdout once it listens.
 */
import { createLogger } from '../../agent/log.ts';
import { startSandboxServer } from '../../agent/sandbox/sandbox-server.ts';

const sandbox = await startSandboxServer({ port: 0, log: createLogger('info'), datasetFile: process.argv[2] });
process.stdout.write(`${JSON.stringify({ url: sandbox.url })}\n`);
process.once('SIGTERM', () => void sandbox.close().then(() => process.exit(0)));
