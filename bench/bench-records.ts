/** Varied, realistic records for the benchmarks: valid SNILS, real МКБ-10 leaves, a few warnings. */
import type { ClinicalRecord } from '../shared/domain/record.ts';
import { maximalAmbulatoryCase } from '../test/fixtures/semd/demo-record.ts';
import { demoDoctor, demoOrganization, demoPatient } from '../agent/demo/demo-clinic.ts';
import { snilsChecksum } from '../shared/validate/snils.ts';

const CODES = ['J06.9', 'I10', 'E11.9', 'M54.5', 'K29.7', 'J20.9', 'N39.0', 'I25.1', 'R51', 'Z00.0'];
const SURNAMES = ['Петров', 'Смирнов', 'Кузнецов', 'Попов', 'Соколов-Микитов', 'ПЕТРОВ'];

function snils(i: number): string {
  const nine = String(100_000_000 + ((i * 7919) % 899_999_999)).padStart(9, '0');
  return nine + snilsChecksum(nine);
}

export function benchRecord(i: number): ClinicalRecord {
  const day = String(1 + (i % 25)).padStart(2, '0');
  return {
    patient: { ...demoPatient, snils: snils(i), lastName: SURNAMES[i % SURNAMES.length]!, birthDate: `19${50 + (i % 50)}-0${1 + (i % 9)}-${day}`, enp: '8451999122899990' },
    practitioner: { ...demoDoctor },
    organization: { ...demoOrganization },
    encounter: {
      openDate: `2026-10-${day}`,
      visitDate: `2026-11-${day}`,
      diagnoses: [
        { code: CODES[i % CODES.length]!, role: 'main' },
        { code: CODES[(i + 3) % CODES.length]!, role: 'concomitant' },
      ],
      conclusion: 'Состояние удовлетворительное. Рекомендовано наблюдение у терапевта.',
    },
    document: { kind: '119', createdAt: `2026-11-${day}T10:15:00+03:00` },
  };
}

/** The same record as a closed ambulatory case (kind 42): two visits, opening and closing day. */
export function benchCaseRecord(i: number): ClinicalRecord {
  const record = benchRecord(i);
  const { openDate = record.encounter.visitDate, visitDate } = record.encounter;
  const closed = maximalAmbulatoryCase().ambulatoryCase!;
  const [first, last] = closed.visits;
  record.document.kind = '42';
  record.encounter.closeDate = visitDate;
  record.ambulatoryCase = { ...closed, visits: [{ ...first!, date: openDate }, { ...last!, date: visitDate }] };
  return record;
}
