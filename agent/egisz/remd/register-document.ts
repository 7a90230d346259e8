/**
 * registerDocument: the registration request for one SEMD (egisz.md §1.5).
 * Element names and order come from remd-contract.ts; this module maps our
 * typed request to and from that XML.
 */
import { DICTIONARY_VERSION, GENDER_CODE, OPERATION } from './remd-contract.ts';
import { child, childText, listItems } from './xml-reader.ts';
import type { Element } from './xml-reader.ts';
import { appendItems, appendOrdered, qualified } from './xml-writer.ts';
import type { XMLBuilder } from './xml-writer.ts';
import { xmlText } from '../../xml/xml-text.ts';

export interface RegisterDocumentRequest {
  /** UUID of this document version in the MIS; equals the CDA id/@extension. */
  localUid: string;
  /** NSI 1.2.643.5.1.13.13.11.1520 code, e.g. "119". */
  kind: string;
  /** ISO 8601 with offset, as in the CDA effectiveTime. */
  creationDateTime: string;
  /** FRMO OID of the organization. */
  organization: string;
  /** FRMO OID of the department. */
  department?: string;
  documentNumber?: string;
  patient: {
    localId?: string;
    snils: string;
    lastName: string;
    firstName: string;
    middleName?: string;
    /** YYYY-MM-DD. */
    birthDate: string;
    gender: 'male' | 'female';
  };
  personalSignatures: PersonalSignature[];
  orgSignature?: { data: string };
}

export interface PersonalSignature {
  signer: {
    localId?: string;
    /** NSI 1.2.643.5.1.13.13.99.2.368 code, e.g. DOCTOR. */
    role: string;
    lastName: string;
    firstName: string;
    middleName?: string;
    snils: string;
    /** NSI 1.2.643.5.1.13.13.11.1002 code. */
    position?: string;
    /** NSI 1.2.643.5.1.13.13.11.1066 code. */
    speciality?: string;
    department?: string;
  };
  /** Base64 of the detached CMS (DER). */
  signature: { data: string };
}

const ns = OPERATION.registerDocument.ns;

/** Text with the NSI dictionary version as attribute (VIMIS shape) [?]. */
const coded = (code: string | undefined, dict: keyof typeof DICTIONARY_VERSION) =>
  code === undefined ? undefined : (el: XMLBuilder) => el.att('version', DICTIONARY_VERSION[dict].version).txt(xmlText(code));

export function writeRegisterDocumentRequest(body: XMLBuilder, req: RegisterDocumentRequest): void {
  const root = qualified(ns)(body, OPERATION.registerDocument.request);
  appendOrdered(root, ns, 'registerDocumentRequest', {
    localUid: req.localUid,
    documentNumber: req.documentNumber,
    kind: req.kind,
    creationDateTime: req.creationDateTime,
    organization: req.organization,
    department: req.department,
    patient: (el) => appendOrdered(el, ns, 'patient', { ...req.patient, gender: GENDER_CODE[req.patient.gender] }),
    personalSignatures: appendItems(ns, req.personalSignatures, (item, s) =>
      appendOrdered(item, ns, 'personalSignature', {
        signer: (el) =>
          appendOrdered(el, ns, 'signer', {
            ...s.signer,
            role: coded(s.signer.role, 'role'),
            position: coded(s.signer.position, 'position'),
            speciality: coded(s.signer.speciality, 'speciality'),
          }),
        signature: (el) => appendOrdered(el, ns, 'signature', { data: s.signature.data }),
      }),
    ),
    orgSignature: req.orgSignature && ((el) => appendOrdered(el, ns, 'signature', { data: req.orgSignature?.data })),
  });
}

/** What a reader found: the request with '' for absent required text, and the paths of absent or unusable fields. */
export interface ReadRegisterDocument {
  request: RegisterDocumentRequest;
  missing: string[];
}

export function readRegisterDocumentRequest(payload: Element): ReadRegisterDocument {
  const missing: string[] = [];
  const required = (el: Element | undefined, name: string, path: string): string => {
    const v = childText(el, name);
    if (v === undefined) missing.push(path);
    return v ?? '';
  };
  const patientEl = child(payload, 'patient');
  const gender = childText(patientEl, 'gender');
  const request: RegisterDocumentRequest = {
    localUid: required(payload, 'localUid', 'localUid'),
    kind: required(payload, 'kind', 'kind'),
    creationDateTime: required(payload, 'creationDateTime', 'creationDateTime'),
    organization: required(payload, 'organization', 'organization'),
    department: childText(payload, 'department'),
    documentNumber: childText(payload, 'documentNumber'),
    patient: {
      localId: childText(patientEl, 'localId'),
      snils: required(patientEl, 'snils', 'patient.snils'),
      lastName: required(patientEl, 'lastName', 'patient.lastName'),
      firstName: required(patientEl, 'firstName', 'patient.firstName'),
      middleName: childText(patientEl, 'middleName'),
      birthDate: required(patientEl, 'birthDate', 'patient.birthDate'),
      gender: gender === GENDER_CODE.female ? 'female' : 'male',
    },
    personalSignatures: listItems(payload, 'personalSignatures').map((item, i) => {
      const s = child(item, 'signer');
      const path = `personalSignatures.${i}`;
      return {
        signer: {
          localId: childText(s, 'localId'),
          role: required(s, 'role', `${path}.signer.role`),
          lastName: required(s, 'lastName', `${path}.signer.lastName`),
          firstName: required(s, 'firstName', `${path}.signer.firstName`),
          middleName: childText(s, 'middleName'),
          snils: required(s, 'snils', `${path}.signer.snils`),
          position: childText(s, 'position'),
          speciality: childText(s, 'speciality'),
          department: childText(s, 'department'),
        },
        signature: { data: required(child(item, 'signature'), 'data', `${path}.signature.data`) },
      };
    }),
  };
  // A gender outside NSI 1040's male/female cannot be registered: report it as absent.
  if (gender !== GENDER_CODE.male && gender !== GENDER_CODE.female) missing.push('patient.gender');
  const org = childText(child(payload, 'orgSignature'), 'data');
  if (org) request.orgSignature = { data: org };
  return { request, missing };
}
