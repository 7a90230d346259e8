/**
 * A patient index (ГИП, the federal one, or a regional MPI) by SNILS:
 * `GET /patient?snils=` → `{content: IndexedPatient}`, 404 when unknown.
 * Used only where the clinic has one; pre-flight also compares with our own
 * earlier documents.
 */
import type { Cached } from './registry-cache.ts';
import { cachedContent, type RegistryClientOptions } from './registry-lookup.ts';

export interface IndexedPatient {
  snils: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  birthDate: string;
  gender?: 'male' | 'female';
}

/** Default maxAgeMs 1 h: patients' data are corrected more often than staff. */
export type PatientIndexOptions = RegistryClientOptions;

export class PatientIndexClient {
  private readonly opts: PatientIndexOptions;

  constructor(opts: PatientIndexOptions) {
    this.opts = opts;
  }

  patient(snils: string): Promise<Cached<IndexedPatient>> {
    return cachedContent(this.opts, {
      registry: 'ГИП', space: 'patient-index', key: snils, defaultMaxAgeMs: 3600_000, path: '/patient', query: { snils }, scheme: 'N3',
    });
  }
}
