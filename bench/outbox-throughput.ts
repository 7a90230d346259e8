/**
 * Outbox throughput (issue 7): N documents (default 1,000) through one agent
 * with both roles — validate, build the SEMD, XSD, sign on SoftHSM2, durable
 * outbox (WAL, synchronous=FULL), registerDocument to the sandbox, which
 * fetches the file through getDocumentFile, checks it (CMS, XSD, Schematron,
 * registries) and calls back. The sandbox runs in its own process, as REMD
 * would be elsewhere. Submissions come through the admin API, `--clients`
 * at a time; registrations are observed through the agent's outbox hook.
 * Prints throughput and latency percentiles (submit → registered).
 * The sandbox checks as REMD does (Schematron in warn mode); --schematron off
 * leaves out that part of REMD's work to see ours alone.
 * Run: node bench/outbox-throughput.ts [--docs 1000] [--clients 8] [--concurrency 8] [--schematron warn|off]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { demoToken } from '../agent/demo/demo-clinic.ts';
import { freePort, startSandboxProcess } from '../test/support/agent-processes.ts';
import { startOutboxAgent } from '../test/support/outbox-agent.ts';
import { admin, outboxRecord } from '../test/support/outbox-records.ts';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '1000' }, clients: { type: 'string', default: '8' }, concurrency: { type: 'string', default: '8' }, schematron: { type: 'string', default: 'warn' } } });
const total = Number(values.docs);
const clients = Number(values.clients);

const dir = mkdtempSync(join(tmpdir(), 'egisz-bench-'));
const port = await freePort();
const sandbox = await startSandboxProcess(dir, port, values.schematron as 'warn' | 'off');
const agent = await startOutboxAgent((c) => {
  c.port = port;
  c.sandbox = false;
  c.remdEndpoint = `${sandbox.url}/sandbox/remd`;
  c.remdCertificate = sandbox.certificateFile;
  c.outbox = { ...c.outbox, concurrency: Number(values.concurrency), pollMs: 50, callbackTimeoutMs: 60_000 };
}, { onOutboxChange: (doc) => observe(doc) });

const started = new Map<string, number>();
const latencies: number[] = [];
const queue = Array.from({ length: total }, () => randomUUID());
/** CPU seconds of this process's children by role (sandbox, token host), from /proc: a busy machine does not inflate them. */
function childCpuSeconds(): { sandbox: number; tokenHost: number } {
  const seconds = { sandbox: 0, tokenHost: 0 };
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      if (Number(fields[1]) !== process.pid) continue;
      const role = readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('token-host') ? 'tokenHost' : 'sandbox';
      seconds[role] += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // gone meanwhile
    }
  }
  return seconds;
}

/** CPU seconds of this process's main thread (the event loop), apart from the writer and check threads. */
function mainThreadCpuSeconds(): number {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const main0 = mainThreadCpuSeconds();
const cpu0 = process.cpuUsage();
const children0 = childCpuSeconds();
const t0 = performance.now();
let submitMs = 0;

async function client(): Promise<void> {
  for (let uid = queue.shift(); uid; uid = queue.shift()) {
    started.set(uid, performance.now());
    const reply = await admin(agent.access, 'POST', '/submit', { record: outboxRecord(uid), pin: demoToken.pin });
    if (reply.status !== 201) throw new Error(`submit: ${JSON.stringify(reply.body)}`);
  }
}

let settle: () => void;
const allRegistered = new Promise<void>((done) => (settle = done));
function observe(doc: { localUid: string; state: string; errors?: string }): void {
  const at = started.get(doc.localUid);
  if (doc.state === 'rejected') throw new Error(`rejected: ${doc.errors}`);
  if (doc.state !== 'registered' || at === undefined) return;
  latencies.push(performance.now() - at);
  started.delete(doc.localUid);
  if (latencies.length === total) settle();
}

await Promise.all(Array.from({ length: clients }, client));
submitMs = performance.now() - t0;
await allRegistered;
const elapsed = performance.now() - t0;

const cpu = process.cpuUsage(cpu0);
const agentCpuMs = (cpu.user + cpu.system) / 1000 / total;
const mainThreadMs = ((mainThreadCpuSeconds() - main0) * 1000) / total;
const children1 = childCpuSeconds();
const sandboxCpuMs = ((children1.sandbox - children0.sandbox) * 1000) / total;
const tokenHostCpuMs = ((children1.tokenHost - children0.tokenHost) * 1000) / total;
const childrenCpuMs = sandboxCpuMs + tokenHostCpuMs;
const sorted = [...latencies].sort((a, b) => a - b);
const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const registry = (await (await fetch(`${sandbox.url}/sandbox/registry`)).json()) as unknown[];
console.log(`outbox throughput: ${total} documents, ${clients} submitting clients, outbox concurrency ${values.concurrency}, sandbox Schematron ${values.schematron}`);
console.log(`  all submitted (validated, built, signed, queued) in ${(submitMs / 1000).toFixed(1)} s = ${(total / (submitMs / 1000)).toFixed(1)} documents/s`);
console.log(`  all registered in ${(elapsed / 1000).toFixed(1)} s = ${(total / (elapsed / 1000)).toFixed(1)} documents/s end to end`);
console.log(`  latency submit → registered: p50 ${pct(50).toFixed(0)} ms, p95 ${pct(95).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`);
const cores = (await import('node:os')).cpus().length;
const projected = Math.min(1000 / mainThreadMs, (cores * 1000) / (agentCpuMs + childrenCpuMs));
console.log(`  CPU per document: agent ${agentCpuMs.toFixed(1)} ms, of which its event loop ${mainThreadMs.toFixed(1)} ms (one core → at most ${(1000 / mainThreadMs).toFixed(0)} documents/s); sandbox ${sandboxCpuMs.toFixed(1)} ms, token host ${tokenHostCpuMs.toFixed(1)} ms; all ${(agentCpuMs + childrenCpuMs).toFixed(1)} ms`);
console.log(`  upper bound on an idle ${cores}-core machine (CPU only, no waits): ≈${projected.toFixed(0)} documents/s`);
console.log(`  load average during the run: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} on ${cores} cores`);
console.log(`  sandbox registry holds ${registry.length} documents`);

await agent.stop();
sandbox.stop();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
