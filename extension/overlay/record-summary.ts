import type { DraftRecord } from '../../shared/domain/record.ts';
import { formatSnils } from '../../shared/validate/snils.ts';
import { russianDate } from '../ui/russian-date.ts';
import type { SummaryRow } from './record-panel.tsx';

/** What the doctor needs to recognise the document at a glance, in Russian; a referral and a closed case say what they are about. */
export function recordSummary(record: DraftRecord): SummaryRow[] {
  const { patient = {}, practitioner = {}, encounter = {} } = record;
  const diagnosis = encounter.diagnoses?.find((d) => d?.role === 'main') ?? encounter.diagnoses?.[0];
  return [
    { label: 'Пациент', value: fullName(patient.lastName, patient.firstName, patient.middleName) },
    { label: 'СНИЛС', value: patient.snils ? formatSnils(patient.snils) : '' },
    { label: 'Дата рождения', value: russianDate(patient.birthDate) },
    ...kindRows(record),
    { label: 'Диагноз', value: diagnosis?.code ?? '' },
    { label: 'Врач', value: fullName(practitioner.lastName, practitioner.firstName, practitioner.middleName) },
  ];
}

function kindRows({ document, encounter = {}, referral, ambulatoryCase }: DraftRecord): SummaryRow[] {
  if (document?.kind === '185') {
    const service = referral?.service;
    return [
      { label: 'Дата направления', value: russianDate(encounter.visitDate) },
      { label: 'Куда направлен', value: referral?.organization?.name ?? '' },
      { label: 'Услуга', value: (typeof service === 'string' ? service : service?.displayName) ?? '' },
    ];
  }
  if (document?.kind === '42') {
    const visits = Array.isArray(ambulatoryCase?.visits) ? ambulatoryCase.visits.length : 0;
    return [
      { label: 'Случай', value: [russianDate(encounter.openDate), russianDate(encounter.closeDate)].filter(Boolean).join(' — ') },
      { label: 'Посещений', value: visits > 0 ? String(visits) : '' },
    ];
  }
  return [{ label: 'Дата приёма', value: russianDate(encounter.visitDate) }];
}

const fullName = (...parts: (string | undefined)[]): string => parts.filter(Boolean).join(' ');
