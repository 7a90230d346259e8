/**
 * The domain record: our JSON interchange format between the MIS page, the
 * extension and the agent. One record describes one medical document to be
 * registered in REMD. Field names are fixed (see schema/record.schema.json).
 */

/** Administrative sex as EGISZ knows it (NSI 1.2.643.5.1.13.13.11.1040: 1 male, 2 female). */
export type Gender = 'male' | 'female';

export interface IdentityDocument {
  /** Code from NSI 1.2.643.5.1.13.13.99.2.48 (e.g. "1" = паспорт гражданина РФ). */
  type: string;
  series?: string;
  number: string;
  /** YYYY-MM-DD. */
  issueDate?: string;
  issuedBy?: string;
}

export interface Patient {
  /** 11 digits, normalised (no separators). */
  snils: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  gender: Gender;
  /** Единый номер полиса ОМС, 16 digits. */
  enp?: string;
  identityDocument?: IdentityDocument;
  address?: string;
  phone?: string;
  /** The patient's id in the MIS. */
  localId?: string;
}

export interface Practitioner {
  snils: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  birthDate?: string;
  /** NSI 1.2.643.5.1.13.13.11.1002 (должности). */
  positionCode?: string;
  /** NSI 1.2.643.5.1.13.13.11.1066 (специальности). */
  specialtyCode?: string;
  /** The practitioner's id in the MIS. */
  localId?: string;
}

export interface Organization {
  /** FRMO OID: 1.2.643.5.1.13.13.12.2.<region>.<n>. */
  oid: string;
  name: string;
  ogrn?: string;
  inn?: string;
  departmentOid?: string;
  address?: string;
  phone?: string;
}

export type DiagnosisRole = 'main' | 'concomitant' | 'complication';

export interface Diagnosis {
  /** МКБ-10 code (NSI 1.2.643.5.1.13.13.11.1005), e.g. "J06.9". */
  code: string;
  role: DiagnosisRole;
  text?: string;
}

export interface Encounter {
  caseId?: string;
  /** YYYY-MM-DD. */
  openDate?: string;
  closeDate?: string;
  /** YYYY-MM-DD: the day of the visit the document records. */
  visitDate: string;
  diagnoses: Diagnosis[];
  /** Free text: the doctor's conclusion. */
  conclusion: string;
  /** Free text: complaints / anamnesis, where the form has them. */
  complaints?: string;
  /** NSI 1.2.643.5.1.13.13.11.1006 code of the patient's condition; the clinic's default when absent. */
  patientCondition?: string;
}

export interface DocumentInfo {
  /** REMD kind, NSI 1.2.643.5.1.13.13.11.1520 code (e.g. "119"). */
  kind: string;
  /** ISO 8601 with offset, e.g. 2026-11-26T10:15:00+03:00. */
  createdAt: string;
  /** UUID of this document version; assigned by the agent when absent. */
  localUid?: string;
  /** Human document number in the MIS. */
  number?: string;
}

/**
 * A value of an NSI dictionary the project does not ship (lab tests, units,
 * specimen kinds…): the MIS gives it whole, as REMD will read it.
 */
export interface CodedConcept {
  code: string;
  /** The dictionary's OID. */
  codeSystem: string;
  codeSystemVersion: string;
  codeSystemName: string;
  displayName: string;
}

/** An amount with its unit from NSI 1.2.643.5.1.13.13.11.1358 (единицы измерения). */
export interface Quantity {
  value: string;
  unit: CodedConcept;
}

export interface LabSpecimen {
  /** The specimen's id in the laboratory (its barcode). */
  id: string;
  /** NSI 1.2.643.5.1.13.13.99.2.1019 (виды биоматериала). */
  kind: CodedConcept;
  quantity: Quantity;
  /** ISO 8601 with offset: when it was taken. */
  collectedAt: string;
}

export interface LabResult {
  /** NSI 1.2.643.5.1.13.13.11.1080 (лабораторные тесты). */
  test: CodedConcept;
  /** A number with its unit (PQ), or a text result when there is no unit. */
  value: string;
  unit?: CodedConcept;
  /** NSI 1.2.643.5.1.13.13.99.2.257 (интерпретация результата): normal, high, low… */
  interpretation?: CodedConcept;
  /** ISO 8601 with offset: when the result was obtained. */
  performedAt: string;
}

/** One laboratory study (SEMD 186): the service, what was examined, on what, and the results. */
export interface LabStudy {
  /** NSI 1.2.643.5.1.13.13.11.1070 (номенклатура медицинских услуг). */
  service: CodedConcept;
  specimen: LabSpecimen;
  analyser: { id: string; model: string };
  results: LabResult[];
}

/** A drug prescription (SEMD 148 «Рецепт на лекарственный препарат»). */
export interface Prescription {
  /** The drug as ESKLP knows it (NSI 1.2.643.5.1.13.13.99.2.611). */
  drug: CodedConcept;
  /** NSI 1.2.643.5.1.13.13.11.1468 (пути введения). */
  route: CodedConcept;
  /** One dose, with its unit. */
  dose: Quantity;
  /** How many doses are prescribed in all, with the 1358 unit they are counted in. */
  doseCount: Quantity;
  /** Length of the course (its 1358 unit given whole, e.g. сут). */
  course: Quantity;
  /** How often a dose is taken: one dose every this much time (e.g. 8 ч). */
  every: Quantity;
  /** NSI 1.2.643.5.1.13.13.99.2.608 (срок действия рецепта). */
  validity: CodedConcept;
  /** NSI 1.2.643.5.1.13.13.99.2.609 (приоритет исполнения), when not the ordinary one. */
  priority?: CodedConcept;
  /** «По специальному назначению». */
  specialPurpose?: boolean;
}

/** One visit of a closed ambulatory case (SEMD 42, section AMBSV). */
export interface CaseVisit {
  /** YYYY-MM-DD. */
  date: string;
  /** NSI 1.2.643.5.1.13.13.11.1008 (место оказания медицинской помощи). */
  place: CodedConcept;
  /** NSI 1.2.643.5.1.13.13.11.1070: the services given at the visit, at least one. */
  services: CodedConcept[];
  complaints?: string;
  /** Объективные данные: what the examination found. */
  examination?: string;
  conclusion?: string;
  recommendations?: string;
  /** Who saw the patient, when not the record's practitioner (a case often has several doctors). */
  practitioner?: Practitioner;
}

/**
 * A closed ambulatory case (SEMD 42 «Эпикриз по законченному случаю
 * амбулаторный»). Its period is encounter.openDate…closeDate, its diagnoses
 * encounter.diagnoses (МКБ-10), its summary encounter.conclusion; here is
 * what only the epicrisis states. The dictionaries are not shipped: values whole.
 */
export interface AmbulatoryCase {
  /** NSI 1.2.643.5.1.13.13.11.1007 (вид обращения). */
  visitKind: CodedConcept;
  /** NSI 1.2.643.5.1.13.13.11.1009 (результат обращения). */
  result?: CodedConcept;
  /** NSI 1.2.643.5.1.13.13.11.1046 (исход заболевания). */
  outcome?: CodedConcept;
  /** NSI 1.2.643.5.1.13.13.11.1039 (источник оплаты). */
  paymentSource?: CodedConcept;
  /** NSI 1.2.643.5.1.13.13.11.1076: which diagnoses the case states (e.g. заключительные). */
  diagnosisStage: CodedConcept;
  /** NSI 1.2.643.5.1.13.13.11.1077 kind of each role in encounter.diagnoses; the main one is code 1. */
  diagnosisKinds: Partial<Record<DiagnosisRole, CodedConcept>>;
  visits: CaseVisit[];
  /** NSI 1.2.643.5.1.13.13.11.1367: drugs given during the case. */
  drugs?: CodedConcept[];
  /** Non-drug treatment, free text. */
  nonDrugTreatment?: string;
}

/** Where a referral (SEMD 185 «Направление на консультацию») sends the patient, and for what. */
export interface Referral {
  /** The receiving organization: its FRMO OID and name. */
  organization: { oid: string; name: string };
  /** The requested service: NSI 1.2.643.5.1.13.13.11.1070 given whole, or free text when it has no code there. */
  service: CodedConcept | string;
  comment?: string;
}

/** The study an instrumental-study protocol (SEMD 174) records. */
export interface InstrumentalStudy {
  /** NSI 1.2.643.5.1.13.13.11.1471 (инструментальные исследования), given whole. */
  service: CodedConcept;
  /** The protocol: what was done and seen. */
  description: string;
}

export interface ClinicalRecord {
  patient: Patient;
  practitioner: Practitioner;
  organization: Organization;
  encounter: Encounter;
  document: DocumentInfo;
  /** Kind 186 «Протокол лабораторного исследования»: the study and its results. */
  laboratory?: LabStudy;
  /** Kind 148 «Рецепт на лекарственный препарат»: the drug and how it is taken. */
  prescription?: Prescription;
  /** Kind 42 «Эпикриз по законченному случаю амбулаторный»: the closed case. */
  ambulatoryCase?: AmbulatoryCase;
  /** Kind 185: where and what for; without it the clinic's careFacts.referral is used. */
  referral?: Referral;
  /** Kind 174: the study and its protocol; without it the clinic's careFacts.study is used. */
  study?: InstrumentalStudy;
}

/**
 * A record as scraped from a page: every leaf may be missing or still raw.
 * Validation turns it into findings; only a record without errors is a ClinicalRecord.
 */
export type DraftRecord = {
  [K in keyof ClinicalRecord]?: Partial<ClinicalRecord[K]>;
};
