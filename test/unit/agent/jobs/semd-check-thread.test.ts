/**
 * The checks before the PIN on their own thread answer exactly what checkSemd
 * answers on this one: a valid document, an XSD error, a Schematron finding,
 * and a SemdError with its code; after close() they still answer, in-thread.
 */
import { afterAll, expect, test } from 'vitest';
import { startSemdCheckThread } from '../../../../agent/jobs/semd-check-thread.ts';
import { buildConsultation119 } from '../../../../agent/semd/consultation-119.ts';
import { checkSemd } from '../../../../agent/semd/semd-check.ts';
import { SemdError } from '../../../../agent/semd/semd-error.ts';
import { demoConsultation, fixedIdentity, fullCareFacts } from '../../../fixtures/semd/demo-record.ts';

const checker = startSemdCheckThread(['119']);
afterAll(() => checker.close());

const valid = buildConsultation119(demoConsultation(), fixedIdentity, fullCareFacts);
const documents = {
  valid,
  'an XSD error': valid.replace(/<title>/, '<titel>').replace(/<\/title>/, '</titel>'),
  'a Schematron finding': valid.replace(/\s*<templateId [^>]*\/>/, ''),
};

test.each(Object.entries(documents))('%s: the same answer as checkSemd in this thread', async (_name, xml) => {
  const expected = await checkSemd(xml, '119');
  expect(expected.ok).toBe(xml === valid);
  expect(await checker.check(xml, '119')).toEqual(expected);
});

test('a kind without schemas: the SemdError with its code and message, as in this thread', async () => {
  const here = await checkSemd(valid, '999').catch((e: unknown) => e);
  expect(here).toBeInstanceOf(SemdError);
  const there = await checker.check(valid, '999').catch((e: unknown) => e);
  expect(there).toBeInstanceOf(SemdError);
  expect(there).toMatchObject({ code: (here as SemdError).code, message: (here as SemdError).message });
});

test('closed, it still checks (on this thread)', async () => {
  const closed = startSemdCheckThread();
  await closed.close();
  expect((await closed.check(valid, '119')).ok).toBe(true);
});
