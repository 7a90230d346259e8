/**
 * The gateway's HTTP API for workstations (mounted at /gateway/v1 when this
 * agent has the gateway role):
 *   POST /gateway/v1/documents            a signed document → {localUid, state, duplicate}
 *   GET  /gateway/v1/documents/:localUid  its state → {localUid, state, emdrId?, errors?}
 * Every call is authenticated (gateway-auth.ts). The gateway checks that the
 * CMS signature matches the SEMD bytes before queuing: it never sends REMD a
 * document it cannot vouch for. A workstation sees only its own documents.
 */
import express, { Router, type Request, type Response } from 'express';
import type { DocumentSink } from '../jobs/document-pipeline.ts';
import type { Logger } from '../log.ts';
import { verifyDetachedCms } from '../signing/verify-cms.ts';
import { verifyAuthorization, type WorkstationCredential } from './gateway-auth.ts';
import { decodeWireDocument } from './wire-document.ts';

export interface GatewayApiDeps {
  workstations: readonly WorkstationCredential[];
  sink: DocumentSink;
  /** The owner recorded with a document, to scope status queries. */
  ownerOf: (localUid: string) => Promise<string | undefined>;
  log: Logger;
}

export function createGatewayApi(deps: GatewayApiDeps): Router {
  const router = Router();
  router.use(express.raw({ type: () => true, limit: '30mb' }), (req, res, next) => {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const auth = verifyAuthorization(req.headers.authorization, { method: req.method, path: req.originalUrl, body }, deps.workstations);
    if (!auth.ok) {
      deps.log.warn('gateway.unauthorized', { reason: auth.reason, path: req.path });
      return void res.status(401).json({ code: 'GATEWAY_UNAUTHORIZED', message: 'Рабочее место не опознано шлюзом: проверьте id и секрет в настройках.' });
    }
    res.locals.workstationId = auth.workstationId;
    next();
  });
  router.post('/documents', (req, res) => void accept(req, res, deps));
  router.get('/documents/:localUid', (req, res) => void status(req, res, deps));
  return router;
}

async function accept(req: Request, res: Response, deps: GatewayApiDeps): Promise<void> {
  const workstationId = String(res.locals.workstationId);
  const decoded = decodeWireDocument(req.body as Buffer);
  if (!decoded.ok) return void res.status(400).json({ code: 'GATEWAY_BAD_DOCUMENT', message: decoded.problem });
  const doc = decoded.document;
  const cms = verifyDetachedCms(doc.semd, doc.signature);
  if (!cms.ok) return void res.status(400).json({ code: cms.code, message: cms.message });
  const owner = await deps.ownerOf(doc.localUid);
  if (owner !== undefined && !owner.startsWith(`${workstationId}/`)) {
    return void res.status(409).json({ code: 'GATEWAY_LOCALUID_TAKEN', message: 'Документ с таким localUid уже передан другим рабочим местом.' });
  }
  const queued = await deps.sink.accept({ ...doc, clientId: `${workstationId}/${doc.clientId}` });
  deps.log.info('gateway.accepted', { workstationId, localUid: doc.localUid, duplicate: queued.duplicate });
  res.status(queued.duplicate ? 200 : 201).json(queued);
}

async function status(req: Request, res: Response, deps: GatewayApiDeps): Promise<void> {
  const localUid = String(req.params.localUid);
  const owner = await deps.ownerOf(localUid);
  const found = owner?.startsWith(`${String(res.locals.workstationId)}/`) ? await deps.sink.status(localUid) : undefined;
  if (!found) return void res.status(404).json({ code: 'OUTBOX_NOT_FOUND', message: 'Документа с таким localUid нет в очереди шлюза.' });
  res.json({ localUid, ...found, errors: found.errors ? JSON.parse(found.errors) as unknown : undefined });
}
