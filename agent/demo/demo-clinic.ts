/**
 * The demo clinic: one organization, one doctor and one patient that exist in
 * the sandbox's federal dataset (agent/sandbox/federal-dataset.json), and the
 * SoftHSM2 token the demo doctor signs with. Used by `start --demo` and the tests.
 */
import type { Organization, Patient, Practitioner } from '../../shared/domain/record.ts';
import type { CareFacts } from '../semd/care-facts.ts';

export const demoOrganization: Organization = {
  oid: '1.2.643.5.1.13.13.12.2.77.7701',
  name: 'ГБУЗ «Городская поликлиника № 1»',
  ogrn: '1027700000019',
  inn: '7701000001',
  departmentOid: '1.2.643.5.1.13.13.12.2.77.7701.0.100001',
  address: 'г. Москва, ул. Примерная, д. 1',
  phone: '+74951234567',
};

export const demoDoctor: Practitioner = {
  snils: '11223344595',
  lastName: 'Иванова',
  firstName: 'Мария',
  middleName: 'Петровна',
  birthDate: '1979-03-21',
  positionCode: '109', // Врач-терапевт (NSI 1002)
  specialtyCode: '27', // Терапия (NSI 1066)
  localId: 'doc-0042',
};

export const demoPatient: Patient = {
  snils: '15642781886',
  lastName: 'Петров',
  firstName: 'Иван',
  middleName: 'Сергеевич',
  birthDate: '1980-05-14',
  gender: 'male',
  localId: 'pat-100500',
};

/**
 * The demo clinic's defaults for what SEMD 119 (and the ОКПО and diagnosis
 * kinds 185, 174 and 186 need) beyond the record
 * (119.sch У1-27, У3-2, У3-4, У3-14): an outpatient visit paid from the
 * regional budget (so no policy is required), patient in satisfactory
 * condition. The condition is coded from NSI 1006 (data/fnsi). NSI 1007,
 * 1008 and the rows of 1039 are not in the project's FNSI data (the reference
 * set holds only the 1039 passport, version 5.2): these three are complete
 * coded values written here, checked by the Schematron for code system and
 * non-empty attributes, not against the dictionaries.
 */
export const demoCareFacts: CareFacts = {
  // The modular kinds (185, 174, 186) want the organization's ОКПО and each diagnosis role's kind (NSI 1077, not shipped).
  organizationOkpo: '01234567',
  diagnosisKinds: {
    main: { code: '1', codeSystem: '1.2.643.5.1.13.13.11.1077', codeSystemVersion: '1.1', codeSystemName: 'Виды нозологических единиц диагноза', displayName: 'Основное заболевание' },
    concomitant: { code: '3', codeSystem: '1.2.643.5.1.13.13.11.1077', codeSystemVersion: '1.1', codeSystemName: 'Виды нозологических единиц диагноза', displayName: 'Сопутствующее заболевание' },
  },
  patientCondition: '1',
  visitKind: { code: '1', codeSystem: '1.2.643.5.1.13.13.11.1007', codeSystemVersion: '2.2', codeSystemName: 'Вид обращения', displayName: 'Первичное' },
  visitPlace: { code: '1', codeSystem: '1.2.643.5.1.13.13.11.1008', codeSystemVersion: '1.3', codeSystemName: 'Место оказания медицинской помощи', displayName: 'Амбулаторно' },
  paymentSource: { code: '9', codeSystem: '1.2.643.5.1.13.13.11.1039', codeSystemVersion: '5.2', codeSystemName: 'Источники оплаты медицинской помощи', displayName: 'Средства регионального бюджета' },
};

/** The information system's ID in EGISZ (transportHeader/authInfo/clientEntityId). */
export const demoClientEntityId = '6f1c1f8e-3b1a-4c55-9d3e-5a7d2b9c0e11';

/** The demo token. The PIN is printed by `start --demo`: it is a demo, not a secret. */
export const demoToken = { label: 'EGISZ-DEMO', pin: '123456', soPin: '12345678' } as const;
