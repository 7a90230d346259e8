/**
 * A patient index (ГИП, the federal one, or a regional MPI) by SNILS:
 * `GET /patient?snils=` → `{content: IndexedPatient}`, 404 when unknown.
 * Used only where the clinic has one; pre-flight also compares with our own
 * earlier documents.
 */
import type { Cached, RegistryCache } from './registry-cache.ts';
import { getJson, registryUrl } from './registry-http.ts';

export interface IndexedPatient {
  snils: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  birthDate: string;
  gender?: 'male' | 'female';
}

export interface PatientIndexOptions {
  baseUrl: string;
  token?: string;
  cache: RegistryCache;
  /** Default 1 h: patients' data are corrected more often than staff. */
  maxAgeMs?: number;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export class PatientIndexClient {
  private readonly opts: PatientIndexOptions;

  constructor(opts: PatientIndexOptions) {
    this.opts = opts;
  }

  patient(snils: string): Promise<Cached<IndexedPatient>> {
    const { baseUrl, token, cache } = this.opts;
    return cache.lookup('patient-index', snils, this.opts.maxAgeMs ?? 3600_000, async () => {
      const body = await getJson<{ content?: IndexedPatient }>(registryUrl(baseUrl, '/patient', { snils }), {
        registry: 'ГИП', fetch: this.opts.fetch, timeoutMs: this.opts.timeoutMs,
        headers: token ? { authorization: `N3 ${token}` } : {},
      });
      return body?.content;
    });
  }
}
