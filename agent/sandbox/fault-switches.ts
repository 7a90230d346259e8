/**
 * Fault injection for the sandbox (issue 7 «Sandbox fidelity»): each fault
 * fires for the next N requests, or at random with a rate, so tests can be
 * exact and soak runs can be noisy.
 */

/**
 * serverError: 503 before the request is looked at; rateLimit: RATE_LIMIT refusal;
 * dropConnection: the connection breaks before processing; lostResponse: the
 * request takes effect but its answer is lost; caUnavailable: stage 2 ends in
 * CA_INACCESSIBILITY (retriable); lostCallback: the verdict is never posted.
 */
export const FAULT_KINDS = ['serverError', 'rateLimit', 'dropConnection', 'lostResponse', 'caUnavailable', 'lostCallback'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSetting {
  /** Fire for this many next occasions. */
  next?: number;
  /** Then fire with this probability, 0…1. */
  rate?: number;
}

export interface FaultState {
  latencyMs: number;
  faults: Record<FaultKind, Required<FaultSetting>>;
}

export class FaultSwitches {
  /** Added before every SOAP answer, milliseconds. */
  latencyMs = 0;
  readonly #settings = new Map<FaultKind, Required<FaultSetting>>();
  readonly #random: () => number;

  constructor(random: () => number = Math.random) {
    this.#random = random;
    this.reset();
  }

  set(kind: FaultKind, setting: FaultSetting): void {
    const current = this.#settings.get(kind) ?? { next: 0, rate: 0 };
    this.#settings.set(kind, {
      next: Math.max(0, Math.floor(setting.next ?? current.next)),
      rate: Math.min(1, Math.max(0, setting.rate ?? current.rate)),
    });
  }

  /** Whether the fault fires now; consumes one `next` if any. */
  trip(kind: FaultKind): boolean {
    const s = this.#settings.get(kind);
    if (!s) return false;
    if (s.next > 0) {
      s.next--;
      return true;
    }
    return s.rate > 0 && this.#random() < s.rate;
  }

  reset(): void {
    this.latencyMs = 0;
    for (const kind of FAULT_KINDS) this.#settings.set(kind, { next: 0, rate: 0 });
  }

  state(): FaultState {
    const faults = Object.fromEntries(FAULT_KINDS.map((k) => [k, { ...(this.#settings.get(k) ?? { next: 0, rate: 0 }) }]));
    return { latencyMs: this.latencyMs, faults: faults as FaultState['faults'] };
  }
}
