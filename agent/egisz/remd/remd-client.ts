/**
 * The MIS side of REMD: registerDocument, getRegistryItem, searchRegistryItem
 * over SOAP 1.2. Transport trouble throws RemdTransportError (with
 * `retriable`); REMD's verdicts come back as values with NSI 305 codes.
 */
import { ACTION, OPERATION, SOAP12_CONTENT_TYPE, STATUS } from './remd-contract.ts';
import type { ActionName } from './remd-contract.ts';
import type { RemdErrorItem } from './remd-error-items.ts';
import { readStatus } from './remd-error-items.ts';
import { writeRegisterDocumentRequest } from './register-document.ts';
import type { RegisterDocumentRequest } from './register-document.ts';
import {
  readGetRegistryItemAnswer, readSearchAnswer, writeGetRegistryItemRequest, writeSearchRequest,
} from './registry-query.ts';
import type { RegistryItemAnswer, RegistrySearchAnswer, RegistrySearchQuery } from './registry-query.ts';
import { isRetriableHttpStatus, RemdTransportError } from './remd-transport-error.ts';
import { buildEnvelope, newMessageId, parseEnvelope, SoapEnvelopeError } from './soap-envelope.ts';
import type { ParsedEnvelope } from './soap-envelope.ts';
import type { XMLBuilder } from './xml-writer.ts';

export interface RemdClientOptions {
  /** The REMD SOAP endpoint (or the sandbox's /sandbox/remd). */
  endpoint: string;
  /** The system's ID in EGISZ (transportHeader/authInfo/clientEntityId). */
  clientEntityId: string;
  /** Our callback URL for registerDocumentResult (WS-Addressing ReplyTo). */
  replyTo: string;
  fetch?: typeof fetch;
  /** Per request, milliseconds; default 30 s. */
  timeoutMs?: number;
  /** Signs the envelope before it leaves, e.g. `(xml) => signEnvelope(xml, signer)` (ws-security.ts). */
  secureEnvelope?: (xml: string) => string | Promise<string>;
}

export type RegisterDocumentAnswer =
  | { status: 'accepted'; messageId: string }
  | { status: 'rejected'; messageId: string; errors: RemdErrorItem[] };

export class RemdClient {
  readonly #opts: RemdClientOptions;
  readonly #fetch: typeof fetch;

  constructor(opts: RemdClientOptions) {
    this.#opts = opts;
    this.#fetch = opts.fetch ?? fetch;
  }

  /** Submit a registration; `accepted` only means REMD will fetch the file and answer by callback. */
  async registerDocument(req: RegisterDocumentRequest, messageId = newMessageId()): Promise<RegisterDocumentAnswer> {
    const answer = await this.#call(ACTION.registerDocument, messageId, (body) => writeRegisterDocumentRequest(body, req));
    if (answer.fault) return { status: 'rejected', messageId, errors: answer.fault.errors };
    const { status, errors } = readStatus(this.#payload(answer, OPERATION.registerDocument.response));
    if (status !== STATUS.success || errors.length) return { status: 'rejected', messageId, errors };
    return { status: 'accepted', messageId };
  }

  async getRegistryItem(emdrId: string): Promise<RegistryItemAnswer> {
    const answer = await this.#call(ACTION.getRegistryItem, newMessageId(), (b) => writeGetRegistryItemRequest(b, emdrId));
    if (answer.fault) return { status: 'error', errors: answer.fault.errors };
    return readGetRegistryItemAnswer(this.#payload(answer, OPERATION.getRegistryItem.response));
  }

  async searchRegistryItem(query: RegistrySearchQuery): Promise<RegistrySearchAnswer> {
    const answer = await this.#call(ACTION.searchRegistryItem, newMessageId(), (b) => writeSearchRequest(b, query));
    if (answer.fault) return { status: 'error', errors: answer.fault.errors };
    return readSearchAnswer(this.#payload(answer, OPERATION.searchRegistryItem.response));
  }

  /** POST one envelope; returns a parsed answer or a fault that carries NSI 305 codes. */
  async #call(action: ActionName, messageId: string, body: (b: XMLBuilder) => void): Promise<ParsedEnvelope> {
    const { endpoint, clientEntityId, replyTo, secureEnvelope } = this.#opts;
    const xml = buildEnvelope({ messageId, action, to: endpoint, replyTo, clientEntityId, body });
    const response = await this.#post(secureEnvelope ? await secureEnvelope(xml) : xml, action);
    const text = await response.text().catch((cause: unknown) => {
      throw new RemdTransportError('SUBMIT_NETWORK', { retriable: true, cause, detail: 'ответ оборван' });
    });
    const parsed = this.#parse(text, response.status);
    if (parsed.fault && !parsed.fault.errors.length) {
      const retriable = parsed.fault.code !== 'Sender' || isRetriableHttpStatus(response.status);
      throw new RemdTransportError('SUBMIT_REMD_FAULT', { retriable, httpStatus: response.status, detail: parsed.fault.reason });
    }
    if (!parsed.fault && !response.ok) {
      throw new RemdTransportError('SUBMIT_HTTP_STATUS', { retriable: isRetriableHttpStatus(response.status), httpStatus: response.status });
    }
    return parsed;
  }

  async #post(xml: string, action: string): Promise<Response> {
    try {
      return await this.#fetch(this.#opts.endpoint, {
        method: 'POST',
        headers: { 'content-type': `${SOAP12_CONTENT_TYPE}; action="${action}"` },
        body: xml,
        signal: AbortSignal.timeout(this.#opts.timeoutMs ?? 30_000),
      });
    } catch (cause) {
      const timedOut = cause instanceof DOMException && cause.name === 'TimeoutError';
      throw new RemdTransportError(timedOut ? 'SUBMIT_TIMEOUT' : 'SUBMIT_NETWORK', { retriable: true, cause });
    }
  }

  #parse(text: string, httpStatus: number): ParsedEnvelope {
    try {
      return parseEnvelope(text);
    } catch (e) {
      if (!(e instanceof SoapEnvelopeError)) throw e;
      const code = httpStatus >= 200 && httpStatus < 300 ? 'SUBMIT_BAD_RESPONSE' : 'SUBMIT_HTTP_STATUS';
      throw new RemdTransportError(code, { retriable: isRetriableHttpStatus(httpStatus), httpStatus, detail: e.message });
    }
  }

  /** The answer element the contract promises, or SUBMIT_BAD_RESPONSE. */
  #payload(answer: ParsedEnvelope, expected: string) {
    const { payload } = answer;
    if (!payload || payload.localName !== expected) {
      throw new RemdTransportError('SUBMIT_BAD_RESPONSE', { retriable: false, detail: `ожидался ${expected}` });
    }
    return payload;
  }
}
