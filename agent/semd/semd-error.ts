/**
 * Errors of building or checking a SEMD. Each has a stable code (DOCUMENT_…)
 * that the agent maps to its protocol error frame, and a Russian message.
 */
export type SemdErrorCode =
  | 'DOCUMENT_KIND_UNSUPPORTED'
  | 'DOCUMENT_VERSION_INVALID'
  | 'DOCUMENT_CODE_UNKNOWN'
  | 'DOCUMENT_DATE_INVALID'
  | 'DOCUMENT_XML_MALFORMED'
  | 'DOCUMENT_SCHEMA_MISSING'
  | 'DOCUMENT_DATA_MISSING';

export class SemdError extends Error {
  readonly code: SemdErrorCode;

  constructor(code: SemdErrorCode, message: string) {
    super(message);
    this.name = 'SemdError';
    this.code = code;
  }
}
