/**
 * The REMD SOAP contract in one place: namespaces, SOAP actions, element names
 * and the order of child elements for every message we write or read.
 *
 * No public WSDL of the REMD service exists (egisz.md §1.5, §8). Everything
 * marked [?] is reconstructed from gateways, REST proxies and VIMIS samples.
 * A clinic holding the official WSDL corrects names and order here, and the
 * writers (which emit children in the order listed) and readers follow.
 */

export const NS = {
  soap12: 'http://www.w3.org/2003/05/soap-envelope',
  soap11: 'http://schemas.xmlsoap.org/soap/envelope/',
  addressing: 'http://www.w3.org/2005/08/addressing',
  /** transportHeader/authInfo/clientEntityId (egisz.md §1.1, seen). */
  transport: 'http://egisz.rosminzdrav.ru',
  /** MIS → REMD requests and their responses (seen on searchRegistryItem). */
  service: 'http://egisz.rosminzdrav.ru/iehr/emdr/service/',
  /** REMD → MIS registerDocumentResult (seen). getDocumentFile shares it [?]. */
  callback: 'http://egisz.rosminzdrav.ru/iehr/emdr/callback/',
  // WS-Security 1.0 as the IPS signer writes it (egisz.md §1.2, seen).
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
} as const;

/** Prefixes we write; readers match by namespace, never by prefix. */
export const PREFIX: Record<keyof typeof NS, string> = {
  soap12: 'soap',
  soap11: 'soap',
  addressing: 'wsa',
  transport: 'egisz',
  service: 'ser',
  callback: 'cb',
  wsse: 'wsse',
  wsu: 'wsu',
  ds: 'ds',
};

export const SOAP12_CONTENT_TYPE = 'application/soap+xml; charset=utf-8';
export const ADDRESSING_ANONYMOUS = 'http://www.w3.org/2005/08/addressing/anonymous';

/** WS-Addressing Action values: IPS uses the bare operation name (seen); the exact strings for REMD are [?]. */
export const ACTION = {
  registerDocument: 'registerDocument',
  getRegistryItem: 'getRegistryItem',
  searchRegistryItem: 'searchRegistryItem',
  getDocumentFile: 'getDocumentFile',
  registerDocumentResult: 'registerDocumentResult',
} as const;
export type ActionName = (typeof ACTION)[keyof typeof ACTION];

/** Body element names of each operation (request / response) and the namespace (a key of NS) of their elements. */
export const OPERATION = {
  registerDocument: { ns: 'service', request: 'registerDocumentRequest', response: 'registerDocumentResponse' },
  getRegistryItem: { ns: 'service', request: 'getRegistryItemRequest', response: 'getRegistryItemResponse' }, // [?]
  searchRegistryItem: { ns: 'service', request: 'searchRegistryItemRequest', response: 'searchRegistryItemResponse' },
  // REMD calls the MIS; the MIS hosts this service. Names [?].
  getDocumentFile: { ns: 'callback', request: 'getDocumentFileRequest', response: 'getDocumentFileResponse' },
  // Callback element seen; the acknowledgement name is [?].
  registerDocumentResult: { ns: 'callback', request: 'registerDocumentResult', response: 'registerDocumentResultResponse' },
} as const satisfies Record<ActionName, { ns: keyof typeof NS; request: string; response: string }>;

/** Repeated children are wrapped: <errors><item/>…</errors> (seen on errors, matches). */
export const LIST_ITEM = 'item';

/** Order of children, per element. Optional ones are skipped when absent. */
export const ORDER = {
  // [?] order; names seen in gateways and Medflex/VIMIS mirrors (egisz.md §1.5).
  registerDocumentRequest: [
    'localUid', 'documentNumber', 'kind', 'creationDateTime', 'organization', 'department',
    'patient', 'personalSignatures', 'orgSignature',
  ],
  // [?] Medflex calls these surname/name/patr_name; element names follow the VIMIS signer block.
  patient: ['localId', 'snils', 'lastName', 'firstName', 'middleName', 'birthDate', 'gender'],
  personalSignature: ['signer', 'signature', 'description'],
  signer: ['localId', 'role', 'lastName', 'firstName', 'middleName', 'snils', 'position', 'speciality', 'department'],
  // checksum seen next to data in VIMIS; its algorithm is unknown, so we do not send it [?].
  signature: ['data', 'checksum'],
  statusResponse: ['status', 'errors'],
  error: ['code', 'message'],
  // Callback fields seen in gateways (egisz.md §1.7); order [?].
  registerDocumentResult: ['relatesToMessage', 'status', 'localUid', 'kind', 'organization', 'registryItem', 'errors'],
  registryItem: [
    'emdrId', 'localUid', 'kind', 'organization', 'documentVersion', 'creationDateTime',
    'registrationDate', 'registrationDateTime', 'storeTillDate', 'patientSnils', 'registrationWarnings',
  ],
  getRegistryItemRequest: ['emdrId'],
  getRegistryItemResponse: ['status', 'registryItem', 'errors'],
  // Fields seen in a searchRegistryItem sample; order [?].
  searchRegistryItemRequest: ['organization', 'kind', 'registerDateBegin', 'registerDateEnd', 'patientSnils'],
  searchRegistryItemResponse: ['status', 'matches', 'errors'],
  getDocumentFileRequest: ['messageId', 'localUid'], // [?]
  getDocumentFileResponse: ['status', 'localUid', 'file', 'errors'], // [?] element carrying the base64 file
  registerDocumentResultResponse: ['status'], // [?] acknowledgement
} as const;
export type OrderedElement = keyof typeof ORDER;
export type FieldOf<E extends OrderedElement> = (typeof ORDER)[E][number];

/** Values of `status` (seen: success; the error spelling is [?]). */
export const STATUS = { success: 'success', error: 'error' } as const;

/** Coded values carry the NSI dictionary version as an attribute (VIMIS: Role@version) [?]. */
export const DICTIONARY_VERSION = {
  role: { oid: '1.2.643.5.1.13.13.99.2.368', version: '2.4' },
  position: { oid: '1.2.643.5.1.13.13.11.1002', version: '8.6' },
  speciality: { oid: '1.2.643.5.1.13.13.11.1066', version: '6.9' },
} as const;

/** Gender in the request as NSI 1.2.643.5.1.13.13.11.1040 code [?]. */
export const GENDER_CODE = { male: '1', female: '2' } as const;

/**
 * WS-Security of IPS requests (egisz.md §1.2, seen in an open-source IPS
 * signer): a BinarySecurityToken with the system's certificate, a Timestamp,
 * and one exc-c14n Reference per signed part, each marked with wsu:Id.
 */
export const WS_SECURITY = {
  /** Header parts that must be signed when present, in Reference order; Body and Timestamp always. */
  signedHeaders: ['MessageID', 'ReplyTo', 'To', 'Action', 'RelatesTo'],
  x509TokenType: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3',
  base64Encoding: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary',
  /** Lifetime of the Timestamp we write, seconds [?] (IPS value unknown). */
  timestampTtlSeconds: 300,
  /** Clock skew tolerated when checking Created, seconds. */
  clockSkewSeconds: 300,
} as const;
