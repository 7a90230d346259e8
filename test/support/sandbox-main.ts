/**
 * A stand-alone EGISZ sandbox process for tests that kill the agent: it must
 * outlive the agent, so it runs apart. Usage:
 *   node test/support/sandbox-main.ts DATASET.json [warn|enforce|off]
 * (the Schematron mode; the benchmark turns it off to time our side, not REMD's)
 * prints {"url": "http://127.0.0.1:<port>", "certificateFile": "…"} on stdout
 * once it listens. It requires WS-Security, as IPS does, and signs its callbacks
 * with a REMD identity kept next to the dataset (the agents' remdCertificate).
 */
import express from 'express';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { createLogger } from '../../agent/log.ts';
import { loadFederalDataset } from '../../agent/sandbox/federal-dataset.ts';
import { loadOrCreateRemdIdentity } from '../../agent/sandbox/remd-identity.ts';
import { createSandbox } from '../../agent/sandbox/sandbox.ts';
import type { SchematronMode } from '../../agent/sandbox/schema-checks.ts';

const [datasetFile, schematron = 'warn'] = process.argv.slice(2);
const identity = loadOrCreateRemdIdentity(join(dirname(datasetFile!), 'sandbox-remd'));
const sandbox = createSandbox({
  dataset: loadFederalDataset(datasetFile), log: createLogger('info'), schematron: schematron as SchematronMode, wsSecurity: 'require', remdIdentity: identity,
});
const app = express();
app.use('/sandbox', sandbox.router);
const server = createServer(app);
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, certificateFile: identity.certificateFile })}\n`);
process.once('SIGTERM', () => {
  sandbox.close();
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
