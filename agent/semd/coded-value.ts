/**
 * The one adapter between the SEMD builders and the NSI dictionaries of
 * shared/dictionaries: every coded CDA element (code, value,
 * administrativeGenderCode…) gets its four attributes from here, so the
 * Schematron's "codeSystemName, codeSystemVersion and displayName non-empty"
 * rule and REMD's FNSI checks hold everywhere.
 */
import { confidentialityRef, findConfidentiality } from '../../shared/dictionaries/confidentiality.ts';
import type { DictEntry, DictionaryRef } from '../../shared/dictionaries/dictionary.ts';
import { documentTypesRef, findDocumentType } from '../../shared/dictionaries/document-types.ts';
import { findGender, gendersRef } from '../../shared/dictionaries/genders.ts';
import { findMkb10, mkb10Ref } from '../../shared/dictionaries/mkb10.ts';
import { findPosition, positionsRef } from '../../shared/dictionaries/positions.ts';
import { SemdError } from './semd-error.ts';

export interface CodedValue {
  code: string;
  codeSystem: string;
  codeSystemVersion: string;
  codeSystemName: string;
  displayName: string;
}

interface Dictionary {
  ref: DictionaryRef;
  find(code: string): DictEntry | undefined;
}

const dictionaries = {
  mkb10: { ref: mkb10Ref, find: findMkb10 },
  positions: { ref: positionsRef, find: findPosition },
  genders: { ref: gendersRef, find: findGender },
  documentTypes: { ref: documentTypesRef, find: findDocumentType },
  confidentiality: { ref: confidentialityRef, find: findConfidentiality },
} satisfies Record<string, Dictionary>;

function coded(dictionary: Dictionary, code: string, what: string): CodedValue {
  const entry = dictionary.find(code);
  if (!entry) {
    throw new SemdError('DOCUMENT_CODE_UNKNOWN', `Код «${code}» не найден в справочнике «${what}» (${dictionary.ref.oid})`);
  }
  return {
    code: entry.code,
    codeSystem: dictionary.ref.oid,
    codeSystemVersion: dictionary.ref.version,
    codeSystemName: dictionary.ref.name,
    displayName: entry.name,
  };
}

export const diagnosisCode = (code: string): CodedValue => coded(dictionaries.mkb10, code, 'МКБ-10');
export const positionCode = (code: string): CodedValue => coded(dictionaries.positions, code, 'Должности');
export const documentTypeCode = (code: string): CodedValue => coded(dictionaries.documentTypes, code, 'Виды медицинской документации');
export const confidentialityCode = (code: 'N' | 'R' | 'V'): CodedValue =>
  coded(dictionaries.confidentiality, code, 'Уровень конфиденциальности');

/** NSI 1040: 1 male, 2 female. */
export const genderCode = (gender: 'male' | 'female'): CodedValue =>
  coded(dictionaries.genders, gender === 'male' ? '1' : '2', 'Пол пациента');

/** The XML attributes of a coded element, in the order the CDA examples use. */
export function codedAttributes(value: CodedValue): Record<string, string> {
  return {
    code: value.code,
    codeSystem: value.codeSystem,
    codeSystemVersion: value.codeSystemVersion,
    codeSystemName: value.codeSystemName,
    displayName: value.displayName,
  };
}
