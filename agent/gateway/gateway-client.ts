/**
 * The DocumentSink of a workstation whose gateway runs elsewhere: signed
 * documents are POSTed to the gateway's API with the workstation's HMAC
 * credentials. The document is durable once the gateway answers 200/201.
 */
import type { DocumentSink } from '../jobs/document-pipeline.ts';
import type { NewOutboxDocument, OutboxState } from '../outbox/outbox-store.ts';
import { authorizationHeader, type WorkstationCredential } from './gateway-auth.ts';
import { encodeWireDocument } from './wire-document.ts';

export interface GatewayLink extends WorkstationCredential {
  /** The gateway's base URL, e.g. http://10.0.0.5:17346 */
  url: string;
}

export class GatewayError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'GatewayError';
    this.code = code;
  }
}

export function gatewayClient(link: GatewayLink, fetchImpl: typeof fetch = fetch): DocumentSink {
  const call = async (method: string, path: string, body = '') => {
    const url = new URL(path, link.url);
    const headers: Record<string, string> = { authorization: authorizationHeader(link, method, url.pathname + url.search, body) };
    if (body) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchImpl(url, { method, headers, body: body || undefined, signal: AbortSignal.timeout(30_000) });
    } catch (cause) {
      throw new GatewayError('GATEWAY_UNAVAILABLE', `Шлюз ${link.url} недоступен: ${(cause as Error).message}`);
    }
    return { status: response.status, json: (await response.json().catch(() => ({}))) as Record<string, unknown> };
  };
  return {
    async accept(doc: NewOutboxDocument) {
      const { status, json } = await call('POST', '/gateway/v1/documents', encodeWireDocument(doc));
      if (status !== 200 && status !== 201) throw new GatewayError(String(json.code ?? `HTTP_${status}`), String(json.message ?? `шлюз ответил ${status}`));
      return { localUid: String(json.localUid), state: json.state as OutboxState, duplicate: Boolean(json.duplicate) };
    },
    async status(localUid: string) {
      const { status, json } = await call('GET', `/gateway/v1/documents/${encodeURIComponent(localUid)}`);
      if (status === 404) return undefined;
      if (status !== 200) throw new GatewayError(String(json.code ?? `HTTP_${status}`), String(json.message ?? `шлюз ответил ${status}`));
      const errors = json.errors === undefined ? undefined : JSON.stringify(json.errors);
      return { state: json.state as OutboxState, emdrId: json.emdrId as string | undefined, errors };
    },
  };
}
