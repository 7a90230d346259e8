/**
 * Schematron findings on a referral's or a study's content point at the
 * record's part when the record states it, at the clinic's care facts when
 * the builder took the value from them.
 */
import { describe, expect, it, vi } from 'vitest';
import { semdVerdict } from '../../../../agent/jobs/semd-verdict.ts';
import { recordCareFacts, type CareFacts } from '../../../../agent/semd/care-facts.ts';
import { buildSemd } from '../../../../agent/semd/semd-builders.ts';
import { attributeFindings, checkSemd } from '../../../../agent/semd/semd-check.ts';
import type { ClinicalRecord } from '../../../../shared/domain/record.ts';
import { fixedIdentity, instrumentalFacts, minimalInstrumental, minimalInstrumentalFacts, minimalReferral, referralFacts } from '../../../fixtures/semd/demo-record.ts';

// The official rule sets are large: the first run in a busy worker compiles them.
vi.setConfig({ testTimeout: 60_000 });

async function checked(record: ClinicalRecord, clinic: CareFacts) {
  const semd = buildSemd(record, fixedIdentity, recordCareFacts(record, clinic));
  return attributeFindings(await checkSemd(semd.xml, semd.kind), record);
}

const paths = (check: Awaited<ReturnType<typeof checked>>) => [...new Set(check.issues.map((i) => i.path))];

// A protocol text of blanks: the builder writes 1805 with nullFlavor, which 174.sch У3-12 forbids.
const blankStudy = { ...instrumentalFacts.study!, description: '   ' };
// A referral's service coded in another dictionary than NSI 1070 (185.sch У3-2).
const wrongService = { code: '1', codeSystem: '1.2.643.5.1.13.13.11.1008', codeSystemVersion: '1.3', codeSystemName: 'Место оказания медицинской помощи', displayName: 'Амбулаторно' };

describe('findings on a study protocol (174)', () => {
  it('point at study.description when the record states the study, and block', async () => {
    const record = { ...minimalInstrumental(), study: blankStudy };
    const check = await checked(record, minimalInstrumentalFacts);
    expect(paths(check)).toEqual(['study.description']);
    expect(check.issues[0]).toMatchObject({ code: 'DOCUMENT_SCHEMATRON_FAILED', message: expect.stringContaining('У3-12'), hint: expect.stringMatching(/^Элемент \/ClinicalDocument\/.*\/observation\/value/) });
    expect(semdVerdict(check)).toMatchObject({ ok: false, code: 'DOCUMENT_SCHEMATRON_FAILED' });
  });

  it('point at careFacts.study.description when the clinic gave the study, and only warn', async () => {
    const check = await checked(minimalInstrumental(), { ...minimalInstrumentalFacts, study: blankStudy });
    expect(paths(check)).toEqual(['careFacts.study.description']);
    expect(check.issues[0]?.hint).toMatch(/настройках клиники/);
    expect(semdVerdict(check)).toMatchObject({ ok: true, warnings: [{ path: 'careFacts.study.description', severity: 'warning' }] });
  });

  it('passes the same record with a protocol text', async () => {
    expect((await checked({ ...minimalInstrumental(), study: instrumentalFacts.study! }, minimalInstrumentalFacts)).issues).toEqual([]);
  });
});

describe('findings on a referral (185)', () => {
  it('point at referral.service when the record states the referral', async () => {
    const record = { ...minimalReferral(), referral: { ...referralFacts.referral!, service: wrongService } };
    const check = await checked(record, referralFacts);
    expect(paths(check)).toEqual(['referral.service']);
    expect(semdVerdict(check).ok).toBe(false);
  });

  it('point at careFacts.referral.service when the clinic gave it', async () => {
    const check = await checked(minimalReferral(), { ...referralFacts, referral: { ...referralFacts.referral!, service: wrongService } });
    expect(paths(check)).toEqual(['careFacts.referral.service']);
    expect(semdVerdict(check).ok).toBe(true);
  });
});
