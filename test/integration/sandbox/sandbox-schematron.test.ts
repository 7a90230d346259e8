/**
 * The official Schematron run by the sandbox on a really signed demo
 * consultation, which lacks facts the 119 rules demand (e.g. У1-27 participant).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenFixture } from '../../support/token-fixture.ts';
import type { TokenFixture } from '../../support/token-fixture.ts';
import { startRemdHarness } from '../remd/remd-harness.ts';
import type { RemdHarness } from '../remd/remd-harness.ts';
import { signedDemoDocument } from '../remd/signed-document.ts';

let token: TokenFixture;
const harnesses: RemdHarness[] = [];

beforeAll(async () => {
  token = await createTokenFixture();
});
afterAll(async () => {
  for (const h of harnesses) await h.close();
  await token?.cleanup();
});

async function register(mode: 'enforce' | 'warn') {
  const remd = await startRemdHarness({ schematron: mode });
  harnesses.push(remd);
  const doc = await signedDemoDocument(token);
  remd.files.set(doc.localUid, doc.file);
  const answer = await remd.client().registerDocument(doc.request);
  return remd.result(answer.messageId);
}

describe('Schematron at the sandbox', () => {
  it('refuses in enforce mode with the rule ids and paths', async () => {
    const result = await register('enforce');
    expect(result.status).toBe('error');
    const messages = (result.errors ?? []).filter((e) => e.code === 'VALIDATION_ERROR').map((e) => e.message);
    expect(messages).toContainEqual(expect.stringMatching(/У1-27\. .* \/ClinicalDocument$/));
  });

  it('registers with the findings as warnings in warn mode', async () => {
    const result = await register('warn');
    expect(result.status).toBe('success');
    expect(result.registryItem?.registrationWarnings?.map((w) => w.message)).toContainEqual(expect.stringContaining('У1-27'));
  });
});
