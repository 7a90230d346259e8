/**
 * Facts of the visit that the official templates require but the domain
 * record (shared/domain/record.ts) does not carry yet: the patient's
 * condition, the kind and place of the visit, the source of payment. The
 * caller (clinic settings, a later record version) supplies them; without
 * them the builders leave the elements out and the Schematron check reports
 * exactly what is missing, instead of the builder inventing medical data.
 *
 * The condition is coded here from NSI 1006 (shipped in data/). Visit kind
 * (NSI 1007), place (NSI 1008) and payment source (NSI 1039) are passed as
 * already coded values: their dictionaries are not in the project's data yet.
 */
import conditions from './data/conditions-1006.json' with { type: 'json' };
import type { CodedValue } from './coded-value.ts';
import { codedFrom } from './nsi-extract.ts';
import { SemdError } from './semd-error.ts';

export interface CareFacts {
  /** NSI 1.2.643.5.1.13.13.11.1006 code, e.g. "1" Удовлетворительное. */
  patientCondition?: string;
  /** NSI 1.2.643.5.1.13.13.11.1007 (DOCINFO entry 800 «Обращение»). */
  visitKind?: CodedValue;
  /** NSI 1.2.643.5.1.13.13.11.1008 (DOCINFO entry 801 «Место проведения»). */
  visitPlace?: CodedValue;
  /** NSI 1.2.643.5.1.13.13.11.1039, a budget source (codes 8–11): participant IND without a policy. */
  paymentSource?: CodedValue;
  /** NSI 1.2.643.5.1.13.13.11.1035 form of the OMS policy whose number is record.patient.enp. */
  insurancePolicyType?: string;
}

export function conditionCode(code: string): CodedValue {
  const coded = codedFrom(conditions, code);
  if (!coded) throw new SemdError('DOCUMENT_CODE_UNKNOWN', `Код «${code}» не найден в справочнике «${conditions.name}» (${conditions.oid})`);
  return coded;
}

/** Payment sources that need no policy document (119.sch У1-27: DocInfo nullFlavor for codes 8–11). */
export const budgetPaymentCodes: readonly string[] = ['8', '9', '10', '11'];
