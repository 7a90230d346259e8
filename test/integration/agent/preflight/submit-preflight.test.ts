/**
 * Records queued from files (`egisz-agent submit`, the admin API) get the same
 * pre-flight as the extension's: a doctor missing from FRMR is refused before
 * anything is signed, and nothing reaches the outbox.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { adminClient } from '../../../../agent/commands/outbox-admin-client.ts';
import { demoDoctor, demoToken } from '../../../../agent/demo/demo-clinic.ts';
import type { DraftRecord } from '../../../../shared/domain/record.ts';
import { startDemoAgent, type DemoAgent } from '../../../support/demo-agent.ts';

const newcomer = { ...demoDoctor, snils: '20030040048', lastName: 'Соколова', firstName: 'Елена', middleName: 'Андреевна', localId: 'doc-0077' };
let agent: DemoAgent;

beforeAll(async () => {
  agent = await startDemoAgent({ doctor: newcomer });
});

afterAll(async () => {
  await agent?.stop();
});

const record = (): DraftRecord => ({
  patient: { snils: '15642781886', lastName: 'Петров', firstName: 'Иван', middleName: 'Сергеевич', birthDate: '1980-05-14', gender: 'male' },
  practitioner: { snils: newcomer.snils, lastName: newcomer.lastName, firstName: newcomer.firstName, middleName: newcomer.middleName },
  encounter: { visitDate: new Date().toISOString().slice(0, 10), diagnoses: [{ code: 'J06.9', role: 'main' }], conclusion: 'Здоров.' },
  document: { kind: '119' },
});

test('a doctor missing from FRMR is refused on the submit path too, and nothing is queued', async () => {
  const call = adminClient(agent.dataDir);
  const reply = await call('POST', '/submit', { record: record(), pin: demoToken.pin });
  expect(reply.status).toBe(422);
  expect(reply.body.code).toBe('PREFLIGHT_FAILED');
  const issues = reply.body.issues as { path: string; remdCode?: string }[];
  expect(issues.some((i) => i.path.startsWith('practitioner.') && i.remdCode === 'PERSON_NOT_FOUND')).toBe(true);
  expect(await agent.outbox.list()).toHaveLength(0);
});
