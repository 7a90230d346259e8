/**
 * Accepted registrations on their way through stage 2 and back to the MIS
 * as a registerDocumentResult callback (unless a fault switch loses it).
 */
import type { Logger } from '../log.ts';
import type { FaultSwitches } from './fault-switches.ts';
import { remdError } from '../egisz/remd/remd-error-catalogue.ts';
import { processRegistration, refuseRegistration } from './registration-process.ts';
import type { Registration, RegistrationDeps } from './registration-process.ts';
import { deliverResult } from './result-delivery.ts';
import type { DeliveryOptions } from './result-delivery.ts';

export type CallbackDelivery = Pick<DeliveryOptions, 'attempts' | 'backoffMs' | 'signer'>;

export class RegistrationQueue {
  readonly #deps: RegistrationDeps;
  readonly #faults: FaultSwitches;
  readonly #log: Logger;
  readonly #delivery: CallbackDelivery;
  readonly #inFlight = new Set<Promise<void>>();
  #closed = false;

  constructor(deps: RegistrationDeps, faults: FaultSwitches, log: Logger, delivery: CallbackDelivery = {}) {
    this.#deps = deps;
    this.#faults = faults;
    this.#log = log;
    this.#delivery = delivery;
  }

  accept(registration: Registration): void {
    const job = this.#finish(registration)
      .catch((e: unknown) => this.#log.error('sandbox.registration_failed', { error: (e as Error).message }))
      .finally(() => this.#inFlight.delete(job));
    this.#inFlight.add(job);
  }

  /** Resolves when every accepted registration has been answered or dropped. */
  async settled(): Promise<void> {
    while (this.#inFlight.size) await Promise.allSettled([...this.#inFlight]);
  }

  /** No callbacks leave after this. */
  close(): void {
    this.#closed = true;
  }

  async #finish(registration: Registration): Promise<void> {
    const result = this.#faults.trip('caUnavailable')
      ? refuseRegistration(registration, this.#deps, [remdError('CA_INACCESSIBILITY', 'Удостоверяющий центр сертификата недоступен: Время ожидания истекло.')])
      : await processRegistration(registration, this.#deps);
    this.#log.info('sandbox.registration', { localUid: result.localUid, status: result.status, codes: result.errors?.map((e) => e.code) });
    if (this.#closed) return;
    if (this.#faults.trip('lostCallback')) {
      this.#log.info('sandbox.callback_lost', { localUid: result.localUid });
      return;
    }
    const delivered = await deliverResult(registration.replyTo, result, {
      fetch: this.#deps.fetch, ...this.#delivery, isClosed: () => this.#closed,
    });
    if (!delivered) this.#log.warn('sandbox.callback_undelivered', { localUid: result.localUid });
  }
}
