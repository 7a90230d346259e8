/**
 * ФРМР (федеральный регистр медицинских работников) over its REST API
 * (egisz.md §4.3, field names as the FourAJ/integration-with-FRMR client uses
 * them): `GET /person?snils=` and `GET /person/card?snils=&lastName=`, auth
 * `Authorization: Bearer <JWT>`, the payload in `content`. Answers are cached
 * with their age (registry-cache.ts).
 */
import type { Cached } from './registry-cache.ts';
import { cachedContent, type RegistryClientOptions } from './registry-lookup.ts';

export interface FrmrPerson {
  oid?: string;
  snils: string;
  lastName: string;
  firstName: string;
  patronymic?: string;
  /** ISO date (YYYY-MM-DD…). */
  birthDate?: string;
  gender?: number;
}

/** A workplace card (личное дело): where and as whom the person works. */
export interface FrmrCard {
  oid?: string;
  /** FRMO OID of the organization. */
  organization: string;
  nrPmuDepartId?: string;
  nrPmuDepartName?: string;
  /** NSI 1.2.643.5.1.13.13.11.1002 position id. */
  fedPositionId: number | string;
  fedPosition?: string;
  beginDate: string;
  endDate?: string | null;
}

/** Default maxAgeMs 12 h: staff change rarely within a day. */
export type FrmrOptions = RegistryClientOptions;

const TWELVE_HOURS = 12 * 3600_000;

export class FrmrClient {
  private readonly opts: FrmrOptions;

  constructor(opts: FrmrOptions) {
    this.opts = opts;
  }

  person(snils: string): Promise<Cached<FrmrPerson>> {
    return this.cached('person', snils, '/person', { snils });
  }

  /** The person's cards; FRMR wants the last name with the SNILS. */
  async cards(snils: string, lastName: string): Promise<Cached<FrmrCard[]>> {
    const answer = await this.cached<{ personCard?: FrmrCard[] }>('card', `${snils}|${lastName}`, '/person/card', { snils, lastName });
    return { ...answer, value: answer.value?.personCard ?? (answer.value ? [] : undefined) };
  }

  private cached<T>(kind: string, key: string, path: string, query: Record<string, string>): Promise<Cached<T>> {
    return cachedContent<T>(this.opts, {
      registry: 'ФРМР', space: 'frmr', key: `${kind}:${key}`, defaultMaxAgeMs: TWELVE_HOURS, path, query, scheme: 'Bearer',
    });
  }
}

/** Whether a card is in force on a day (YYYY-MM-DD). */
export function cardActiveOn(card: FrmrCard, day: string): boolean {
  return card.beginDate.slice(0, 10) <= day && (!card.endDate || card.endDate.slice(0, 10) >= day);
}
