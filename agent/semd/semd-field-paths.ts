/**
 * Where a CDA element came from in the domain record, so that a Schematron or
 * XSD finding can be shown next to the form field to fix. Locations are the
 * element paths checkers report (`/ClinicalDocument/recordTarget/…/id[2]`);
 * the first matching prefix wins, so the specific entries come first.
 */

// Participants whose people are the document's doctor.
const doctor = '(?:author/assignedAuthor|legalAuthenticator/assignedEntity|documentationOf/serviceEvent/performer/assignedEntity)';
const patientRole = 'recordTarget/patientRole';

const table: readonly [RegExp, string][] = [
  [new RegExp(`^/ClinicalDocument/${patientRole}/id\\[1\\]`), 'patient.localId'],
  [new RegExp(`^/ClinicalDocument/${patientRole}/id\\[2\\]`), 'patient.snils'],
  [new RegExp(`^/ClinicalDocument/${patientRole}/identity:IdentityDoc`), 'patient.identityDocument'],
  [new RegExp(`^/ClinicalDocument/${patientRole}/identity:InsurancePolicy`), 'patient.enp'],
  [new RegExp(`^/ClinicalDocument/${patientRole}/addr`), 'patient.address'],
  [new RegExp(`^/ClinicalDocument/${patientRole}/telecom`), 'patient.phone'],
  [new RegExp(`^/ClinicalDocument/${patientRole}/patient/name/family`), 'patient.lastName'],
  // The older profile (kind 42) writes the patronymic as the second given.
  [new RegExp(`^/ClinicalDocument/${patientRole}/patient/name/given\\[2\\]`), 'patient.middleName'],
  [new RegExp(`^/ClinicalDocument/${patientRole}/patient/name/given`), 'patient.firstName'],
  [new RegExp(`^/ClinicalDocument/${patientRole}/patient/name/identity:Patronymic`), 'patient.middleName'],
  [new RegExp(`^/ClinicalDocument/${patientRole}/patient/name`), 'patient.lastName'],
  [new RegExp(`^/ClinicalDocument/${patientRole}/patient/administrativeGenderCode`), 'patient.gender'],
  [new RegExp(`^/ClinicalDocument/${patientRole}/patient/birthTime`), 'patient.birthDate'],
  [new RegExp(`^/ClinicalDocument/${patientRole}/patient`), 'patient'],
  [new RegExp(`^/ClinicalDocument/${patientRole}/providerOrganization/identity:Props`), 'organization.ogrn'],
  [/^\/ClinicalDocument\/.*(?:providerOrganization|representedOrganization|representedCustodianOrganization)\/addr/, 'organization.address'],
  [/^\/ClinicalDocument\/.*(?:providerOrganization|representedOrganization|representedCustodianOrganization)\/telecom/, 'organization.phone'],
  [/^\/ClinicalDocument\/.*(?:providerOrganization|representedOrganization|representedCustodianOrganization)\/name/, 'organization.name'],
  [/^\/ClinicalDocument\/.*(?:providerOrganization|representedOrganization|representedCustodianOrganization|custodian)/, 'organization.oid'],
  [new RegExp(`^/ClinicalDocument/${patientRole}`), 'patient'],
  [new RegExp(`^/ClinicalDocument/${doctor}/id\\[1\\]`), 'practitioner.localId'],
  [new RegExp(`^/ClinicalDocument/${doctor}/id\\[2\\]`), 'practitioner.snils'],
  [new RegExp(`^/ClinicalDocument/${doctor}/code`), 'practitioner.positionCode'],
  [new RegExp(`^/ClinicalDocument/${doctor}/assignedPerson/name/given\\[2\\]`), 'practitioner.middleName'],
  [new RegExp(`^/ClinicalDocument/${doctor}/assignedPerson/name/given`), 'practitioner.firstName'],
  [new RegExp(`^/ClinicalDocument/${doctor}/assignedPerson/name/identity:Patronymic`), 'practitioner.middleName'],
  [new RegExp(`^/ClinicalDocument/${doctor}/assignedPerson`), 'practitioner.lastName'],
  [new RegExp(`^/ClinicalDocument/${doctor}`), 'practitioner'],
  [/^\/ClinicalDocument\/effectiveTime/, 'document.createdAt'],
  [/^\/ClinicalDocument\/(?:id|setId|versionNumber)/, 'document.localUid'],
  [/^\/ClinicalDocument\/code/, 'document.kind'],
  [/^\/ClinicalDocument\/documentationOf\/serviceEvent\/effectiveTime/, 'encounter.visitDate'],
  [/^\/ClinicalDocument\/componentOf\/encompassingEncounter\/id\[1\]/, 'encounter.caseId'],
  [/^\/ClinicalDocument\/componentOf\/encompassingEncounter\/effectiveTime\/high/, 'encounter.closeDate'],
  [/^\/ClinicalDocument\/componentOf\/encompassingEncounter\/effectiveTime/, 'encounter.openDate'],
  [/^\/ClinicalDocument\/componentOf/, 'encounter'],
];

/** Body sections by their NSI 99.2.197 code. */
const sections: Readonly<Record<string, string>> = {
  SCOPORG: 'referral',
  RESINFO: 'encounter.conclusion',
  DGN: 'encounter.diagnoses',
  RESCONS: 'encounter.conclusion',
  ANAM: 'encounter.complaints',
  DOCINFO: 'encounter.diagnoses',
  SPECIMENS: 'laboratory.specimen',
  ANALYSERS: 'laboratory.analyser',
  RESLAB: 'laboratory.results',
  RECIPE: 'prescription',
  AMBS: 'ambulatoryCase',
  AMBSV: 'ambulatoryCase.visits',
  SUM: 'ambulatoryCase',
  DRUG: 'ambulatoryCase.drugs',
  NONDRUG: 'ambulatoryCase.nonDrugTreatment',
};

/** Sections whose content differs by kind: a prescription's DOCINFO holds its validity and priority. */
const kindSections: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '148': { DOCINFO: 'prescription' },
};

/**
 * Entries of a section by their code (NSI 1380 field codes, or the code
 * system of a coded act): the record part a referral (185) or study protocol
 * (174) states. Where the record leaves it out, the clinic's care facts fill
 * it in, and attributeFindings (semd-check.ts) points the finding there.
 */
const entryFields: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, string>>>>>> = {
  '185': { SCOPORG: { '8038': 'referral.organization', '833': 'referral.service', '10000': 'referral.comment' } },
  '174': {
    DOCINFO: { '1.2.643.5.1.13.13.11.1471': 'study.service' },
    RESINFO: { '1805': 'study.description', '1806': 'encounter.conclusion', '8024': 'document.number' },
  },
};

/**
 * Rules about what the record does not carry, by kind and rule number: the
 * care facts (care-facts.ts), whose fix is in the clinic's settings, and the
 * study act of 174 as a whole (absent: neither the record nor the clinic gave one).
 */
const ruleFields: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '119': { 'У1-27': 'careFacts.paymentSource', 'У3-2': 'careFacts.visitKind', 'У3-4': 'careFacts.visitPlace', 'У3-14': 'careFacts.patientCondition' },
  '174': { 'У3-1': 'careFacts.visitKind', 'У3-4': 'careFacts.visitPlace', 'У3-5': 'study' },
};

export interface FindingPlace {
  location: string;
  kind?: string;
  ruleId?: string;
  /** The NSI 99.2.197 code of the innermost section holding the element. */
  sectionCode?: string;
  /** The code (and its system) of the act or observation of the entry holding the element. */
  entryCode?: string;
  entryCodeSystem?: string;
}

function entryField({ kind, sectionCode, entryCode, entryCodeSystem }: FindingPlace): string | undefined {
  const entries = kind !== undefined && sectionCode !== undefined ? entryFields[kind]?.[sectionCode] : undefined;
  return entries && ((entryCode !== undefined ? entries[entryCode] : undefined) ?? (entryCodeSystem !== undefined ? entries[entryCodeSystem] : undefined));
}

/** The field to fix for a finding: by entry, a care fact or record part by rule, else a record field by section or location. */
export function fieldPathOf(place: FindingPlace | string): string | undefined {
  const found = typeof place === 'string' ? { location: place } : place;
  const { location, kind, ruleId, sectionCode } = found;
  const byEntry = entryField(found);
  if (byEntry) return byEntry;
  const fact = kind !== undefined && ruleId !== undefined ? ruleFields[kind]?.[ruleId] : undefined;
  if (fact) return fact;
  const bySection = sectionCode === undefined ? undefined : ((kind !== undefined ? kindSections[kind]?.[sectionCode] : undefined) ?? sections[sectionCode]);
  if (bySection) return bySection;
  return table.find(([pattern]) => pattern.test(location))?.[1];
}
