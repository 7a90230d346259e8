/**
 * Hostile input against a real agent: fuzzed frames before and after
 * authentication, fuzzed records, and XML injection through every text
 * field of the record. Each is refused or handled with a clear error; the
 * agent keeps serving and never answers with an internal failure.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { DraftRecord } from '../../../shared/domain/record.ts';
import type { AgentFrame } from '../../../shared/protocol/messages.ts';
import { openAgentSocket, pairedAgentSocket, type AgentSocket } from '../../support/agent-ws-client.ts';
import { startDemoAgent, type DemoAgent } from '../../support/demo-agent.ts';

let agent: DemoAgent;

beforeAll(async () => {
  agent = await startDemoAgent();
});

afterAll(async () => {
  await agent?.stop();
});

const scraped = (): DraftRecord => ({
  patient: { snils: '15642781886', lastName: 'Петров', firstName: 'Иван', middleName: 'Сергеевич', birthDate: '1980-05-14', gender: 'male' },
  practitioner: { snils: '11223344595', lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна' },
  encounter: { visitDate: new Date().toISOString().slice(0, 10), diagnoses: [{ code: 'J06.9', role: 'main' }], conclusion: 'Здоров.' },
  document: { kind: '119' },
});

/** Each connection has its own rate budget: open a fresh one for every batch of frames. */
async function inBatches<T>(items: T[], open: () => Promise<AgentSocket>, each: (s: AgentSocket, item: T, i: number) => Promise<void>) {
  for (let start = 0; start < items.length; start += 20) {
    const socket = await open();
    for (const [i, item] of items.slice(start, start + 20).entries()) await each(socket, item, start + i);
    socket.send({ type: 'ping' });
    expect(await socket.until((f) => f.type === 'pong')).toEqual({ type: 'pong' });
    socket.close();
  }
}

const unauthenticated = async () => {
  const s = await openAgentSocket(agent.port);
  await s.next();
  return s;
};

test('fuzzed frames before authentication are refused one by one', async () => {
  const frames = fc.sample(fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.json(),
    fc.record({ type: fc.constantFrom('prepare', 'sign', 'job-status', 'auth', 'pair'), id: fc.string(), jobId: fc.anything() }).map((o) => JSON.stringify(o)),
  ), 60);
  await inBatches(frames, unauthenticated, async (socket, frame) => {
    socket.send(frame);
    const answer = await socket.next();
    expect(answer.type === 'pong' || answer.type === 'error').toBe(true);
    if (answer.type === 'error') expect(answer.code).not.toBe('AGENT_INTERNAL');
  });
});

test('fuzzed records are validated, never crash the pipeline', async () => {
  const records = fc.sample(fc.oneof(
    fc.object({ maxDepth: 3 }),
    fc.record({ patient: fc.anything(), encounter: fc.anything(), document: fc.anything(), practitioner: fc.anything() }),
  ), 60);
  await inBatches(records, () => pairedAgentSocket(agent.port, () => agent.pairing.issueCode()), async (socket, record, i) => {
    socket.send({ type: 'prepare', id: `f${i}`, origin: 'http://127.0.0.1', record });
    const answer = await socket.until((f) => 'id' in f && f.id === `f${i}`);
    expect(answer.type === 'error' ? answer.code : answer.type).not.toBe('AGENT_INTERNAL');
  });
});

const hostile = ['<script>alert(1)</script>', 'A & B "quoted" \'apos\'', ']]><!--', 'bell\u0007nul\u0000', '😷 𝕏 non-BMP', 'x'.repeat(5000)];

/** Every string leaf of the record, as a path. */
function stringPaths(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => stringPaths(v, prefix ? `${prefix}.${k}` : k));
  }
  return [];
}

function withValue(path: string, text: string): DraftRecord {
  const record = scraped() as Record<string, unknown>;
  const keys = path.split('.');
  let node = record;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = text;
  return record as DraftRecord;
}

test('XML injection through every text field is refused or escaped, never interpreted', async () => {
  const cases = stringPaths(scraped()).flatMap((path) => hostile.map((text) => ({ path, text })));
  const outcomes = new Map<string, string>();
  await inBatches(cases, () => pairedAgentSocket(agent.port, () => agent.pairing.issueCode()), async (socket, { path, text }, i) => {
    socket.send({ type: 'prepare', id: `x${i}`, origin: 'http://127.0.0.1', record: withValue(path, text) });
    const answer: AgentFrame = await socket.until((f) => 'id' in f && f.id === `x${i}`);
    outcomes.set(`${path}|${text}`, answer.type === 'error' ? answer.code : answer.type);
    if (answer.type === 'error') {
      expect(['VALIDATION_FAILED', 'PREFLIGHT_FAILED']).toContain(answer.code); // pre-flight: names differ from FRMR/ГИП
      return;
    }
    expect(answer.type).toBe('prepared');
    if (answer.type !== 'prepared') return;
    expect(answer.preview.html).not.toContain('<script>');
    expect(answer.preview.html).not.toMatch(/<!--|\u0000|\u0007/);
  });
  // Free text must get through, escaped: a conclusion may legitimately contain "<" and "&".
  expect(outcomes.get(`encounter.conclusion|${hostile[0]}`)).toBe('prepared');
  expect(outcomes.get(`encounter.conclusion|${hostile[1]}`)).toBe('prepared');
  expect(outcomes.get(`encounter.conclusion|${hostile[4]}`)).toBe('prepared');
});
