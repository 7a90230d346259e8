/**
 * The treatment cases of a patient, editable (loopback admin API, Bearer
 * token like the rest of /admin/v1):
 *   GET  /admin/v1/cases?snils=11…           the cases with their visits and IEMK progress (a list)
 *   GET  /admin/v1/cases?snils=11…&include=unmatched  {cases, unmatched}: also the epicrises that fit no case,
 *                                                  as the cases frame gives them (the bare list stays for older callers)
 *   POST /admin/v1/cases/move {localUid, caseId?}  move a visit or an epicrisis (no caseId: back to the rules;
 *                                                  its own localUid: a case of its own)
 *   POST /admin/v1/cases/:caseId/close {closeDate, result?}
 *   POST /admin/v1/cases/:caseId/iemk {snils}  send the case to the IEMK now (resumes where it stopped)
 *   GET  /admin/v1/cases/iemk-sync               the automatic IEMK sync's queue: patients pending or held, with the last error
 */
import express, { Router, type Response } from 'express';
import { isValidSnils } from '../../shared/validate/snils.ts';
import { EmkFaultError, type EmkClient } from '../egisz/iemk/emk-client.ts';
import { RegistryUnavailableError } from '../egisz/registries/registry-http.ts';
import type { CaseBook } from './case-book.ts';
import { caseDocumentsOf, registrationsOf, sendCaseToIemk } from './case-iemk-sync.ts';
import { summarizeCase, summarizeUnmatched } from './case-summary.ts';
import type { IemkAutoSync } from './iemk-auto-sync.ts';
import type { IemkSyncQueue } from './iemk-sync-queue.ts';

export interface CasesApiDeps {
  book: CaseBook;
  iemk?: EmkClient;
  /** The automatic IEMK sync: told of every edit, and the manual send takes its turn with it. */
  sync?: IemkAutoSync;
  queue?: IemkSyncQueue;
  /** A document's REMD registration number, linked from its IEMK record. */
  emdrIdOf?: (localUid: string) => Promise<string | undefined>;
  today?: () => string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function createCasesApi(deps: CasesApiDeps): Router {
  const router = Router();
  router.use(express.json({ limit: '16kb' }));
  const today = () => deps.today?.() ?? new Date().toISOString().slice(0, 10);
  const bookOf = async (res: Response, snils: unknown) => {
    if (typeof snils !== 'string' || !isValidSnils(snils)) return void bad(res, 'Укажите СНИЛС пациента (11 цифр).');
    return deps.book.casesAndUnmatched(snils, today());
  };
  const casesOf = async (res: Response, snils: unknown) => (await bookOf(res, snils))?.cases;

  router.get('/', async (req, res) => {
    const { include } = req.query;
    if (include !== undefined && include !== 'unmatched') return void bad(res, 'Параметр include может быть только unmatched.');
    const book = await bookOf(res, req.query.snils);
    if (!book) return;
    const cases = book.cases.map((c) => summarizeCase(c, deps.book));
    res.json(include ? { cases, unmatched: book.unmatched.map(summarizeUnmatched) } : cases);
  });
  router.get('/iemk-sync', (_req, res) => {
    res.json({ configured: Boolean(deps.sync), queue: deps.queue?.list() ?? [] });
  });
  router.post('/move', (req, res) => {
    const { localUid, caseId } = (req.body ?? {}) as { localUid?: unknown; caseId?: unknown };
    if (typeof localUid !== 'string' || (caseId !== undefined && typeof caseId !== 'string')) return void bad(res, 'Ожидается {localUid, caseId?}.');
    deps.book.move(localUid, caseId);
    const patient = deps.book.patientOf(localUid);
    if (patient) deps.sync?.patientChanged(patient);
    res.json({ ok: true });
  });
  router.post('/:caseId/close', (req, res) => {
    const { closeDate, result } = (req.body ?? {}) as { closeDate?: unknown; result?: unknown };
    if (typeof closeDate !== 'string' || !DAY.test(closeDate)) return void bad(res, 'Укажите дату закрытия случая ГГГГ-ММ-ДД.');
    deps.book.close(String(req.params.caseId), closeDate, typeof result === 'string' ? result : undefined);
    deps.sync?.caseChanged(String(req.params.caseId));
    res.json({ ok: true });
  });
  router.post('/:caseId/iemk', async (req, res) => {
    if (!deps.iemk) return void res.status(409).json({ code: 'IEMK_NOT_CONFIGURED', message: 'ИЭМК не настроена: укажите registries.iemk в config.json.' });
    const cases = await casesOf(res, (req.body as { snils?: unknown } | undefined)?.snils);
    if (!cases) return;
    const found = cases.find((c) => c.caseId === req.params.caseId);
    if (!found) return void res.status(404).json({ code: 'CASE_NOT_FOUND', message: 'Случай не найден.' });
    const send = async () => sendCaseToIemk(found, deps.book, deps.iemk!, undefined, await registrationsOf(caseDocumentsOf(found), deps.emdrIdOf));
    try {
      res.json(await (deps.sync ? deps.sync.exclusive(send) : send()));
      // A held automatic sync of this patient gets another go now that the IEMK took this case.
      deps.sync?.patientChanged(found.patientSnils);
    } catch (e) {
      if (e instanceof EmkFaultError) return void res.status(422).json({ code: 'IEMK_FAULT', message: e.message, errors: e.items, progress: deps.book.iemkProgress(found.caseId) });
      if (e instanceof RegistryUnavailableError) return void res.status(503).json({ code: 'IEMK_UNAVAILABLE', message: e.message });
      throw e;
    }
  });
  return router;
}

function bad(res: Response, message: string): void {
  res.status(400).json({ code: 'CASES_BAD_REQUEST', message });
}
