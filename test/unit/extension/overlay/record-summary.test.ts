import { describe, expect, it } from 'vitest';
import { recordSummary } from '../../../../extension/overlay/record-summary.ts';

const patient = { lastName: 'Петров', firstName: 'Иван', snils: '15642781886', birthDate: '1980-05-14' };
const rows = (record: Parameters<typeof recordSummary>[0]) => Object.fromEntries(recordSummary(record).map((row) => [row.label, row.value]));

describe('the panel summary of the document', () => {
  it('a consultation: the visit day', () => {
    expect(rows({ patient, document: { kind: '119' }, encounter: { visitDate: '2026-11-26' } })).toMatchObject({ 'Дата приёма': '26.11.2026', СНИЛС: '156-427-818 86' });
  });

  it('a referral: where to and for what', () => {
    const summary = rows({
      patient, document: { kind: '185' }, encounter: { visitDate: '2026-11-26' },
      referral: { organization: { oid: '1.2.643.5.1.13.13.12.2.77.7702', name: 'ГБУЗ «Городская поликлиника № 2»' }, service: { displayName: 'Прием врача-кардиолога первичный' } as never },
    });
    expect(summary).toMatchObject({ 'Дата направления': '26.11.2026', 'Куда направлен': 'ГБУЗ «Городская поликлиника № 2»', Услуга: 'Прием врача-кардиолога первичный' });
    expect(summary['Дата приёма']).toBeUndefined();
  });

  it('a closed case: its period and how many visits', () => {
    const summary = rows({ patient, document: { kind: '42' }, encounter: { openDate: '2026-11-19', closeDate: '2026-11-26' }, ambulatoryCase: { visits: [{}, {}] as never } });
    expect(summary).toMatchObject({ Случай: '19.11.2026 — 26.11.2026', Посещений: '2' });
  });
});
