/**
 * The one adapter between the SEMD builders and the NSI dictionaries: every
 * coded CDA element (code, value, administrativeGenderCode…) gets its four
 * attributes from here, so the Schematron's "codeSystemName, codeSystemVersion
 * and displayName non-empty" rule holds everywhere.
 *
 * INTERIM: shared/dictionaries/ (owned by another engineer) is not there yet.
 * Until it is, the lookups below answer from a minimal table with only the
 * entries the demo and the tests use. Switching means replacing `interim` with
 * imports of mkb10Ref/findMkb10, positionsRef/findPosition, … — nothing else.
 */
import { SemdError } from './semd-error.ts';

export interface DictionaryRef {
  oid: string;
  version: string;
  name: string;
}

export interface DictionaryEntry {
  code: string;
  name: string;
}

export interface CodedValue {
  code: string;
  codeSystem: string;
  codeSystemVersion: string;
  codeSystemName: string;
  displayName: string;
}

interface Dictionary {
  ref: DictionaryRef;
  find(code: string): DictionaryEntry | undefined;
}

function interimDictionary(ref: DictionaryRef, entries: Record<string, string>): Dictionary {
  return { ref, find: (code) => (code in entries ? { code, name: entries[code] ?? '' } : undefined) };
}

// Versions and names from the FNSI passports (see schemas/SOURCES.md).
const interim = {
  mkb10: interimDictionary(
    { oid: '1.2.643.5.1.13.13.11.1005', version: '2.24', name: 'Международная статистическая классификация болезней и проблем, связанных со здоровьем (10-й пересмотр)' },
    { 'J06.9': 'Острая инфекция верхних дыхательных путей неуточненная', 'I10': 'Эссенциальная [первичная] гипертензия' },
  ),
  positions: interimDictionary(
    { oid: '1.2.643.5.1.13.13.11.1002', version: '9.6', name: 'Должности медицинских и фармацевтических работников' },
    { '109': 'Врач-терапевт' },
  ),
  genders: interimDictionary(
    { oid: '1.2.643.5.1.13.13.11.1040', version: '2.1', name: 'Пол пациента' },
    { '1': 'Мужской', '2': 'Женский', '3': 'Неопределенный' },
  ),
  documentTypes: interimDictionary(
    { oid: '1.2.643.5.1.13.13.11.1522', version: '7.24', name: 'Виды медицинской документации' },
    { '5': 'Протокол консультации' },
  ),
  confidentiality: interimDictionary(
    { oid: '1.2.643.5.1.13.13.99.2.285', version: '1.2', name: 'Уровень конфиденциальности медицинского документа' },
    { N: 'Обычный', R: 'Ограниченный', V: 'Крайне ограниченный' },
  ),
};

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

export const diagnosisCode = (code: string): CodedValue => coded(interim.mkb10, code, 'МКБ-10');
export const positionCode = (code: string): CodedValue => coded(interim.positions, code, 'Должности');
export const documentTypeCode = (code: string): CodedValue => coded(interim.documentTypes, code, 'Виды медицинской документации');
export const confidentialityCode = (code: 'N' | 'R' | 'V'): CodedValue =>
  coded(interim.confidentiality, code, 'Уровень конфиденциальности');

/** NSI 1040: 1 male, 2 female. */
export const genderCode = (gender: 'male' | 'female'): CodedValue =>
  coded(interim.genders, gender === 'male' ? '1' : '2', 'Пол пациента');

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
