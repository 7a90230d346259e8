/** A sound record built from the demo clinic, and a fixed "now" for date rules. */
import type { ClinicalRecord } from '../../../../shared/domain/record.ts';
import { demoDoctor, demoOrganization, demoPatient } from '../../../../agent/demo/demo-clinic.ts';

export const NOW = new Date('2026-11-26T12:00:00+03:00');

export function sampleRecord(): ClinicalRecord {
  return structuredClone({
    patient: demoPatient,
    practitioner: demoDoctor,
    organization: demoOrganization,
    encounter: {
      caseId: 'case-2026-001',
      openDate: '2026-11-20',
      visitDate: '2026-11-25',
      diagnoses: [
        { code: 'J06.9', role: 'main', text: 'ОРВИ' },
        { code: 'I10', role: 'concomitant' },
      ],
      conclusion: 'Рекомендовано амбулаторное лечение, повторный приём через 7 дней.',
    },
    document: { kind: '119', createdAt: '2026-11-25T10:15:00+03:00' },
  });
}
