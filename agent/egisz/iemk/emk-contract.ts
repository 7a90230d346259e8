/**
 * The N3.Health (Netrika) EmkService contract (egisz.md §3.2): WCF SOAP 1.1
 * (BasicHttpBinding_IEmkService), target namespace http://tempuri.org/,
 * SOAPAction http://tempuri.org/IEmkService/<Op>, DTOs in the WCF
 * DataContract namespaces below (as in public N3 clients' templates).
 * `guid` authorizes the calling system; every success answers an empty body;
 * failures are faults with RequestFault {PropertyName, Message, ErrorCode}.
 */
export const EMK_NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  service: 'http://tempuri.org/',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  dto: 'http://schemas.datacontract.org/2004/07/N3.EMK.Dto',
  case: 'http://schemas.datacontract.org/2004/07/N3.EMK.Dto.Case',
  step: 'http://schemas.datacontract.org/2004/07/N3.EMK.Dto.Step',
  medRec: 'http://schemas.datacontract.org/2004/07/N3.EMK.Dto.MedRec',
  diag: 'http://schemas.datacontract.org/2004/07/N3.EMK.Dto.MedRec.Diag',
  medDoc: 'http://schemas.datacontract.org/2004/07/N3.EMK.Dto.MedRec.MedDoc',
  common: 'http://schemas.datacontract.org/2004/07/N3.EMK.Dto.Common',
} as const;

export const EMK_OPERATIONS = ['AddCase', 'CloseCase', 'UpdateCase', 'AddStepToCase', 'AddMedRecord'] as const;
export type EmkOperation = (typeof EMK_OPERATIONS)[number];

export const soapAction = (op: EmkOperation) => `http://tempuri.org/IEmkService/${op}`;

/** A doctor as MedicalStaff (Person + IdLpu, IdSpeciality, IdPosition). */
export interface EmkDoctor {
  idPersonMis: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  /** NSI 1.2.643.5.1.13.13.11.1066 / 1002 codes. */
  idSpeciality?: string;
  idPosition?: string;
}

/** CaseAmb: an ambulatory treatment case (случай обслуживания). */
export interface EmkCase {
  idCaseMis: string;
  idPatientMis: string;
  /** The organization's id in N3 (here its FRMO OID). */
  idLpu: string;
  /** YYYY-MM-DD. */
  openDate: string;
  closeDate?: string;
  historyNumber: string;
  /** N3 dictionaries; defaults: 1 (амбулаторно-поликлиническая помощь), 1 (ОМС), 1 (заболевание). */
  idCaseAidType?: string;
  idPaymentType?: string;
  idCaseType?: string;
  /** Required by CloseCase: the case's result (N3 dictionary 1.2.643.5.1.13.2.1.1.688). */
  idCaseResult?: string;
  idAmbResult?: string;
  doctorInCharge: EmkDoctor;
  comment?: string;
  /**
   * CaseAmb.Steps, written only by UpdateCase: the steps whose records change
   * (a corrected main diagnosis). That UpdateCase replaces the listed steps'
   * diagnoses and leaves the others as they are is our reading [?].
   */
  steps?: EmkStep[];
}

/**
 * StepAmb: one visit within a case — one patient, one day, one doctor — with
 * the medical records of that visit (StepAmb.MedRecords): its diagnosis and
 * every document written at it.
 */
export interface EmkStep {
  idStepMis: string;
  /** YYYY-MM-DD. */
  dateStart: string;
  dateEnd: string;
  doctor: EmkDoctor;
  /** 1 = в поликлинике; 1 = лечебно-диагностическая цель. */
  idVisitPlace?: string;
  idVisitPurpose?: string;
  idPaymentType?: string;
  medRecords?: EmkMedRecord[];
}

/**
 * MedDocument subtypes in N3.EMK.Dto.MedRec.MedDoc (EMKService.xml). Which
 * one a SEMD kind is, is ours [?]: 119 → ConsultNote, 185 → Referral,
 * 186 → LaboratoryReport, 42 → DischargeSummary, the rest the plain MedDocument.
 */
export type EmkMedDocumentType = 'MedDocument' | 'ConsultNote' | 'Referral' | 'LaboratoryReport' | 'DischargeSummary';

/** A registered SEMD as a MedDocument: IdDocumentMis names it across versions, so a correction replaces it [?]. */
export interface EmkMedDocument {
  type: EmkMedDocumentType;
  idDocumentMis: string;
  /** YYYY-MM-DDTHH:mm:ss, the version's creation time. */
  creationDate: string;
  /** The document's title, e.g. «Протокол консультации». */
  header: string;
  author: EmkDoctor;
  attachments?: EmkAttachment[];
}

/**
 * MedDocumentDto.DocumentAttachment (EMKService.xml): the file itself (Data,
 * with the organization's and the doctors' signatures) or a Url where it is.
 */
export interface EmkAttachment {
  /** The signed SEMD's bytes. */
  data?: Uint8Array;
  /** Detached CMS signatures (CAdES-BES), DER. */
  organizationSign?: Uint8Array;
  personalSigns?: { sign: Uint8Array; doctor: EmkDoctor }[];
  mimeType?: string;
  url?: string;
}

/**
 * How a document record names its REMD registration: the contract has no
 * emdrId member, so the registration number rides as the attachment's Url.
 * The scheme is ours [?]: N3 finds SEMD in its document storage by the REMD
 * number (egisz.md §3.2, docstorage `remdCode`); correct it here once N3's
 * integration guide says how it wants the link.
 */
export const REMD_LINK_PREFIX = 'urn:egisz:remd:';
export const remdLink = (emdrId: string) => `${REMD_LINK_PREFIX}${emdrId}`;
/** The MIME type of a SEMD (HL7 CDA R2 XML). */
export const SEMD_MIME_TYPE = 'text/xml';

export type EmkMedRecord = { diagnosis: EmkDiagnosis } | { document: EmkMedDocument };

/** A diagnosis record (MedRecord ClinicMainDiagnosis / Diagnosis). */
export interface EmkDiagnosis {
  mkbCode: string;
  main: boolean;
  /** YYYY-MM-DD. */
  diagnosedDate: string;
  doctor: EmkDoctor;
  comment?: string;
  /**
   * The code this diagnosis replaces (DiagnosisInfo.MkbCodeChange): set when
   * a corrected document changes a step's main diagnosis. Its meaning is read
   * from the member's name [?].
   */
  previousMkbCode?: string;
}

export interface EmkFaultItem {
  propertyName?: string;
  message: string;
  errorCode?: number;
}
