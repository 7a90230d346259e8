/**
 * A closed case (SEMD 42) from an MIS form, completed with the clinic's care
 * facts: the kind of visit (NSI 1007), the payment source (1039), the kind of
 * each diagnosis role (1077) and the place of a visit (1008) are the clinic's
 * settings, the same ones the consultation (119) and the referral (185) are
 * built with, so the form need not repeat them. What the form states wins.
 */
import type { AmbulatoryCase, CaseVisit } from '../../shared/domain/record.ts';
import type { CareFacts } from './care-facts.ts';

type DraftCase = Partial<AmbulatoryCase>;

export function caseWithCareFacts(draft: DraftCase, facts: CareFacts = {}): DraftCase {
  // A draft's visits may be anything the page scraped; only whole objects get a place.
  const visits = Array.isArray(draft.visits) ? (draft.visits.map((visit) => visitWithPlace(visit, facts)) as CaseVisit[]) : draft.visits;
  return {
    ...draft,
    ...given('visitKind', draft.visitKind ?? facts.visitKind),
    ...given('paymentSource', draft.paymentSource ?? facts.paymentSource),
    ...given('diagnosisKinds', facts.diagnosisKinds || draft.diagnosisKinds ? { ...facts.diagnosisKinds, ...draft.diagnosisKinds } : undefined),
    ...given('visits', visits),
  };
}

function visitWithPlace(visit: Partial<CaseVisit> | null | undefined, facts: CareFacts): Partial<CaseVisit> | null | undefined {
  if (typeof visit !== 'object' || visit === null || visit.place !== undefined || !facts.visitPlace) return visit;
  return { ...visit, place: facts.visitPlace };
}

/** A key only when it has a value: an absent fact stays absent, and the validator names it. */
const given = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;
