/**
 * The agent's local admin API (loopback only, Bearer token from admin.json):
 *   GET  /admin/v1/outbox?state=&limit=       queue summary and counts     (gateway role)
 *   GET  /admin/v1/outbox/:localUid           one document with its journal (gateway role)
 *   POST /admin/v1/outbox/:localUid/retry|cancel                             (gateway role)
 *   POST /admin/v1/outbox/purge {olderThanDays?}  retention: drop old bodies (gateway role)
 *   POST /admin/v1/submit {record, kind?, pin} validate, build, sign, queue  (workstation role)
 * The PIN arrives in the body, is used once and never logged.
 */
import express, { Router, type Request, type Response } from 'express';
import type { DraftRecord } from '../../shared/domain/record.ts';
import { agentErrors } from '../../shared/protocol/error-catalogue.ts';
import { prepareDocument, signDocument, type DocumentSink, type PipelineDeps, type PreparedDocument } from '../jobs/document-pipeline.ts';
import { cancelDocument, retryDocument, type OperationDeps } from '../outbox/outbox-operations.ts';
import { purgeRegisteredBodies } from '../outbox/outbox-retention.ts';
import { OUTBOX_STATES, type OutboxDocument, type OutboxState, type OutboxStore } from '../outbox/outbox-store.ts';
import { TokenError } from '../signing/token-client.ts';
import { requireAdminToken } from './admin-access.ts';

export interface AdminApiDeps {
  token: string;
  /** Present with the gateway role. */
  outbox?: OperationDeps & { store: OutboxStore; retentionDays?: number };
  /** Present with the workstation role. */
  submit?: { pipeline: PipelineDeps; sink: DocumentSink; onQueued?: (doc: PreparedDocument) => void };
}

export function createAdminApi(deps: AdminApiDeps): Router {
  const router = Router();
  router.use(requireAdminToken(deps.token), express.json({ limit: '5mb' }));
  const { outbox, submit } = deps;
  if (outbox) {
    router.get('/outbox', async (req, res) => {
      const state = OUTBOX_STATES.includes(req.query.state as OutboxState) ? (req.query.state as OutboxState) : undefined;
      const limit = Math.min(10_000, Number(req.query.limit) || 100);
      const documents = await outbox.store.list({ state, limit });
      res.json({ counts: await outbox.store.counts(), documents: documents.map(summarize) });
    });
    router.get('/outbox/:localUid', async (req, res) => {
      const doc = await outbox.store.get(String(req.params.localUid));
      if (!doc) return void res.status(404).json({ code: 'OUTBOX_NOT_FOUND', message: 'Документа с таким localUid нет в очереди.' });
      res.json({ ...summarize(doc), journal: await outbox.store.journal(doc.localUid) });
    });
    router.post('/outbox/purge', async (req, res) => {
      const days = (req.body as { olderThanDays?: unknown } | undefined)?.olderThanDays ?? outbox.retentionDays;
      if (typeof days !== 'number' || !(days >= 0)) {
        return void res.status(400).json({ code: 'OUTBOX_RETENTION_UNSET', message: 'Срок хранения не задан: укажите --older-than-days N или outbox.retentionDays в config.json.' });
      }
      res.json({ purged: await purgeRegisteredBodies(outbox.store, days), olderThanDays: days });
    });
    router.post('/outbox/:localUid/retry', async (req, res) => answer(res, await retryDocument(String(req.params.localUid), outbox)));
    router.post('/outbox/:localUid/cancel', async (req, res) => answer(res, await cancelDocument(String(req.params.localUid), outbox)));
  }
  if (submit) router.post('/submit', (req, res) => void submitRecord(req, res, submit));
  else router.post('/submit', (_req, res) => void res.status(409).json({ code: 'ADMIN_ROLE', message: noWorkstation }));
  if (!outbox) router.use('/outbox', (_req, res) => void res.status(409).json({ code: 'ADMIN_ROLE', message: noGateway }));
  return router;
}

const noWorkstation = 'Этот агент — только шлюз: подписывать здесь нечем. Запустите submit на рабочем месте с токеном.';
const noGateway = 'Очередь документов живёт на шлюзе: выполните egisz-agent outbox на нём.';

function answer(res: Response, outcome: Awaited<ReturnType<typeof retryDocument>>): void {
  if (outcome.ok) return void res.json(summarize(outcome.document));
  res.status(outcome.code === 'OUTBOX_NOT_FOUND' ? 404 : 409).json({ code: outcome.code, message: outcome.message });
}

export function summarize(doc: OutboxDocument) {
  return {
    localUid: doc.localUid, state: doc.state, kind: doc.kind, clientId: doc.clientId, jobId: doc.jobId, emdrId: doc.emdrId,
    attempts: doc.attempts, messageId: doc.messageId, nextAttemptAt: doc.nextAttemptAt,
    errors: doc.errors ? (JSON.parse(doc.errors) as unknown) : undefined, createdAt: doc.createdAt, updatedAt: doc.updatedAt,
  };
}

async function submitRecord(req: Request, res: Response, deps: NonNullable<AdminApiDeps['submit']>): Promise<void> {
  const { record, kind, pin } = (req.body ?? {}) as { record?: DraftRecord; kind?: string; pin?: string };
  if (typeof record !== 'object' || record === null || typeof pin !== 'string' || !pin) {
    return void res.status(400).json({ code: 'SUBMIT_BAD_REQUEST', message: 'Ожидается {record, pin}.' });
  }
  const draft: DraftRecord = kind ? { ...record, document: { ...record.document, kind } } : record;
  const known = draft.document?.localUid ? await deps.sink.status(draft.document.localUid) : undefined;
  if (known) return void res.json({ localUid: draft.document!.localUid, state: known.state, duplicate: true });
  const prepared = await prepareDocument(draft, deps.pipeline, new Date());
  if (!prepared.ok) {
    return void res.status(422).json({ code: prepared.code, message: agentErrors[prepared.code].message, issues: prepared.issues });
  }
  try {
    const signed = await signDocument(prepared.document, deps.pipeline.signer, pin, { clientId: 'cli', jobId: prepared.document.localUid });
    const queued = await deps.sink.accept(signed);
    deps.onQueued?.(prepared.document);
    res.status(201).json(queued);
  } catch (err) {
    if (err instanceof TokenError) return void res.status(422).json({ code: err.code, message: err.message });
    const { code, message } = err as { code?: string; message?: string };
    res.status(502).json({ code: code ?? 'AGENT_INTERNAL', message: message ?? String(err) });
  }
}
