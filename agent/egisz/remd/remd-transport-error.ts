/**
 * Failures on our side of the wire to REMD: the request may never have
 * arrived, so the caller may retry when `retriable` says so. REMD's own
 * verdicts are not errors here; they come back as NSI 305 codes.
 */
export type RemdTransportCode =
  | 'SUBMIT_NETWORK' // connection refused, reset, DNS
  | 'SUBMIT_TIMEOUT'
  | 'SUBMIT_HTTP_STATUS' // a non-SOAP HTTP error answer
  | 'SUBMIT_BAD_RESPONSE' // 2xx, but not the answer the contract describes
  | 'SUBMIT_REMD_FAULT'; // a SOAP fault without an NSI 305 code

const TEXT: Record<RemdTransportCode, string> = {
  SUBMIT_NETWORK: 'РЭМД недоступен: не удалось установить соединение',
  SUBMIT_TIMEOUT: 'РЭМД не ответил вовремя',
  SUBMIT_HTTP_STATUS: 'РЭМД вернул ошибку HTTP',
  SUBMIT_BAD_RESPONSE: 'Ответ РЭМД не соответствует контракту',
  SUBMIT_REMD_FAULT: 'РЭМД вернул SOAP Fault',
};

export class RemdTransportError extends Error {
  readonly code: RemdTransportCode;
  readonly retriable: boolean;
  readonly httpStatus?: number;

  constructor(code: RemdTransportCode, opts: { retriable: boolean; httpStatus?: number; detail?: string; cause?: unknown }) {
    super(opts.detail ? `${TEXT[code]}: ${opts.detail}` : TEXT[code], { cause: opts.cause });
    this.name = 'RemdTransportError';
    this.code = code;
    this.retriable = opts.retriable;
    if (opts.httpStatus !== undefined) this.httpStatus = opts.httpStatus;
  }
}

/** HTTP answers worth retrying: server trouble, overload, timeouts. */
export const isRetriableHttpStatus = (status: number): boolean => status >= 500 || status === 429 || status === 408;
