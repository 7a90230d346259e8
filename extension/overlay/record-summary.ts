import type { DraftRecord } from '../../shared/domain/record.ts';
import { formatSnils } from '../../shared/validate/snils.ts';
import { russianDate } from '../ui/russian-date.ts';
import type { SummaryRow } from './record-panel.tsx';

/** What the doctor needs to recognise the document at a glance, in Russian. */
export function recordSummary(record: DraftRecord): SummaryRow[] {
  const { patient = {}, practitioner = {}, encounter = {} } = record;
  const diagnosis = encounter.diagnoses?.find((d) => d?.role === 'main') ?? encounter.diagnoses?.[0];
  return [
    { label: 'Пациент', value: fullName(patient.lastName, patient.firstName, patient.middleName) },
    { label: 'СНИЛС', value: patient.snils ? formatSnils(patient.snils) : '' },
    { label: 'Дата рождения', value: russianDate(patient.birthDate) },
    { label: 'Дата приёма', value: russianDate(encounter.visitDate) },
    { label: 'Диагноз', value: diagnosis?.code ?? '' },
    { label: 'Врач', value: fullName(practitioner.lastName, practitioner.firstName, practitioner.middleName) },
  ];
}

const fullName = (...parts: (string | undefined)[]): string => parts.filter(Boolean).join(' ');
