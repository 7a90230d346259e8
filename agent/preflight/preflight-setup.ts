/**
 * Wires pre-flight for a running agent: the registry clients from the
 * configuration (`registries` in config.json), or this agent's own sandbox
 * in demo/sandbox mode (built once the agent listens); caches and NSI copies in the data dir; the visit
 * history next to the outbox. NSI 1520 and the signing rules (99.2.42) are
 * brought up to date at start and once a day, in the background.
 */
import type { Router } from 'express';
import type { AgentFrame } from '../../shared/protocol/messages.ts';
import { join } from 'node:path';
import { EmkClient } from '../egisz/iemk/emk-client.ts';
import { FnsiClient } from '../egisz/registries/fnsi-client.ts';
import { FrmoClient } from '../egisz/registries/frmo-client.ts';
import { FrmrClient } from '../egisz/registries/frmr-client.ts';
import { NsiStore } from '../egisz/registries/nsi-store.ts';
import { PatientIndexClient } from '../egisz/registries/patient-index-client.ts';
import { RegistryCache } from '../egisz/registries/registry-cache.ts';
import { SIGNING_RULES_OID } from '../egisz/registries/signing-rules.ts';
import type { DocumentSink } from '../jobs/document-pipeline.ts';
import type { Logger } from '../log.ts';
import { CaseBook } from './case-book.ts';
import { createCasesApi } from './cases-api.ts';
import { answerCasesFrame, type CasesFrame } from './cases-frames.ts';
import { DOCUMENT_KINDS_OID } from './document-kind-checks.ts';
import { IemkAutoSync, type IemkAutoSyncSettings } from './iemk-auto-sync.ts';
import { IemkSyncQueue } from './iemk-sync-queue.ts';
import { Preflight } from './preflight.ts';
import { VisitHistory } from './visit-history.ts';

export interface RegistryEndpoint {
  url: string;
  /** Bearer JWT (FRMR, FRMO), N3 GUID (patient index) or FNSI userKey. */
  token?: string;
}

/** config.json "registries"; an absent registry is not asked. */
export interface RegistriesConfig {
  frmr?: RegistryEndpoint;
  frmo?: RegistryEndpoint;
  fnsi?: RegistryEndpoint;
  patientIndex?: RegistryEndpoint;
  /** N3 EmkService (…/EMK/EMKService.svc); token = the system's guid. */
  iemk?: RegistryEndpoint;
}

export interface PreflightSetup {
  dataDir: string;
  clientEntityId: string;
  registries?: RegistriesConfig;
  /** The agent's sandbox base URL (…/sandbox) when it serves one; used when `registries` is absent. */
  sandboxUrl?: string;
  sink: DocumentSink;
  log: Logger;
  /** Timing of the automatic IEMK case sync: config.json "iemkSync" (tests shorten it); wins over the demo's 5 s. */
  iemkSync?: Partial<IemkAutoSyncSettings>;
}

const DAY_MS = 24 * 3600_000;

/** The NSI dictionaries pre-flight keeps current from FNSI: document kinds, signing rules. */
const KEPT_DICTIONARIES = [DOCUMENT_KINDS_OID, SIGNING_RULES_OID];

/** How long a visit settles before its IEMK step when the agent asks its own sandbox. */
const DEMO_VISIT_SETTLE_MS = 5_000;

/** The demo MIS's IEMK guid in the sandbox's federal-dataset.json. */
const SANDBOX_IEMK_GUID = '3f9c2b1e-7a41-4d8e-9c0a-5b6e2f1d8a70';

export function sandboxRegistries(base: string): RegistriesConfig {
  return {
    frmr: { url: `${base}/frmr` }, frmo: { url: `${base}/frmo` },
    fnsi: { url: `${base}/nsi`, token: 'sandbox' }, patientIndex: { url: `${base}/patient-index` },
    iemk: { url: `${base}/iemk/EMKService.svc`, token: SANDBOX_IEMK_GUID },
  };
}

export interface RunningPreflight {
  preflight: Preflight;
  /** The editable treatment cases, to mount under /admin/v1/cases behind the admin token. */
  casesApi: Router;
  /** The extension's cases page: `cases` and `case-edit` frames. */
  answerCasesFrame(frame: CasesFrame, send: (f: AgentFrame) => void): Promise<void>;
  /** Every outbox transition: a registered document's case goes to the IEMK. */
  onOutboxChange(doc: { localUid: string; state: string }): void;
  close(): Promise<void>;
}

const SENT_STATES = new Set(['signed', 'submitted', 'registered', 'failed-retryable']);

export function startPreflight(setup: PreflightSetup): RunningPreflight {
  const log = setup.log.child({ component: 'preflight' });
  const endpoints = setup.registries ?? (setup.sandboxUrl ? sandboxRegistries(setup.sandboxUrl) : {});
  const cache = new RegistryCache({ dir: join(setup.dataDir, 'registry-cache') });
  const at = (e: RegistryEndpoint) => ({ baseUrl: e.url, token: e.token, cache });
  const frmr = endpoints.frmr && new FrmrClient(at(endpoints.frmr));
  const frmo = endpoints.frmo && new FrmoClient(at(endpoints.frmo));
  const patientIndex = endpoints.patientIndex && new PatientIndexClient(at(endpoints.patientIndex));
  const nsi = endpoints.fnsi && new NsiStore(join(setup.dataDir, 'nsi'), new FnsiClient({ baseUrl: endpoints.fnsi.url, userKey: endpoints.fnsi.token }));
  const history = new VisitHistory(join(setup.dataDir, 'preflight.sqlite'));
  const preflight = new Preflight({
    clientEntityId: setup.clientEntityId, frmr, frmo, patientIndex, nsi, history, log,
    sentState: (localUid) => setup.sink.status(localUid),
  });

  const updateNsi = () => Promise.all(KEPT_DICTIONARIES.map((oid) => nsi?.update(oid)
    .then((r) => log.info('preflight.nsi-updated', { oid, ...r }))
    .catch((e: Error) => log.warn('preflight.nsi-update-failed', { oid, error: e.message }))));
  const book = new CaseBook(join(setup.dataDir, 'preflight.sqlite'), history, async (localUid) => SENT_STATES.has((await setup.sink.status(localUid))?.state ?? ''));
  const emdrIdOf = async (localUid: string) => (await setup.sink.status(localUid))?.emdrId;
  const iemk = endpoints.iemk && new EmkClient({ endpoint: endpoints.iemk.url, guid: endpoints.iemk.token ?? '' });
  const queue = iemk && new IemkSyncQueue(join(setup.dataDir, 'preflight.sqlite'));
  const sync = iemk && queue && new IemkAutoSync({
    book, history, queue, client: iemk, log: log.child({ component: 'iemk-sync' }),
    // The demo's own sandbox shows a visit's step within seconds of its documents.
    settings: { ...(setup.registries ? {} : { visitSettleMs: DEMO_VISIT_SETTLE_MS }), ...setup.iemkSync },
    isRegistered: async (localUid) => (await setup.sink.status(localUid))?.state === 'registered',
    emdrIdOf,
  });
  const casesApi = createCasesApi({ book, iemk, sync, queue, emdrIdOf });
  sync?.start();

  const first = setTimeout(() => void updateNsi(), 1000);
  const daily = setInterval(() => void updateNsi(), DAY_MS);
  first.unref();
  daily.unref();
  return {
    preflight,
    casesApi,
    onOutboxChange: (doc) => sync?.documentChanged(doc),
    answerCasesFrame: (frame, send) => answerCasesFrame(frame, { book, history, sync }, send),
    async close() {
      clearTimeout(first);
      clearInterval(daily);
      await sync?.stop();
      queue?.close();
      book.closeDb();
      history.close();
    },
  };
}
