/**
 * The local EGISZ (mounted by the agent at /sandbox): REMD's SOAP endpoint
 * with its synchronous and asynchronous checks, the registry as JSON for
 * tests and the demo, and fault switches. Speaks the same contract as REMD
 * (remd-contract.ts) in both directions.
 */
import express, { Router } from 'express';
import { remdError } from '../egisz/remd/remd-error-catalogue.ts';
import { parseEnvelope, SoapEnvelopeError } from '../egisz/remd/soap-envelope.ts';
import { bodyText, sendFault, sendSoap, soapText } from '../egisz/remd/soap-http.ts';
import type { AlgorithmSuite } from '../egisz/remd/ws-security-algorithms.ts';
import type { Logger } from '../log.ts';
import { silentLogger } from '../log.ts';
import { checkSchematron as realCheckSchematron } from '../semd/schematron-check.ts';
import { checkXsd as realCheckXsd } from '../semd/xsd-check.ts';
import { verifyDetachedCms } from '../signing/verify-cms.ts';
import { applyFaultSettings } from './fault-settings.ts';
import { FaultSwitches } from './fault-switches.ts';
import { frmoService } from './frmo-service.ts';
import { frmrService } from './frmr-service.ts';
import { iemkService } from './iemk-service.ts';
import { nsiService } from './nsi-service.ts';
import { patientIndexService } from './patient-index-service.ts';
import type { FederalDataset } from './federal-dataset.ts';
import { checkMessageSecurity } from './message-security.ts';
import type { WsSecurityMode } from './message-security.ts';
import type { OrgSignatureMode } from './org-signature-checks.ts';
import type { Registration, RegistrationDeps } from './registration-process.ts';
import { RegistrationQueue } from './registration-queue.ts';
import { loadOrCreateRemdIdentity, type RemdIdentity } from './remd-identity.ts';
import { handleRemdOperation } from './sandbox-remd-service.ts';
import { SandboxRegistry } from './sandbox-registry.ts';
import type { RegistryEntry } from './sandbox-registry.ts';
import type { CheckSchematron, CheckXsd, SchematronMode } from './schema-checks.ts';
import type { VerifyDetachedCms } from './signature-checks.ts';
import type { SandboxTrust } from './certificate-trust-checks.ts';

export interface SandboxOptions {
  dataset: FederalDataset;
  /** Behave like EGISZ throughout: WS-Security required, organization signature and Schematron enforced (each still overridable). */
  strict?: boolean;
  /** Used to call the MIS (getDocumentFile, registerDocumentResult). */
  fetch?: typeof fetch;
  now?: () => Date;
  /** Overrides the system's documentFileUrl from the dataset (the agent knows its port only at run time). */
  documentFileUrlFor?: (clientEntityId: string) => string | undefined;
  log?: Logger;
  verifyCms?: VerifyDetachedCms;
  checkXsd?: CheckXsd;
  checkSchematron?: CheckSchematron;
  /**
   * Schematron findings refuse (enforce), become registration warnings (warn) or are not looked
   * for (off, the default outside strict mode; a check costs ≈3 ms a document).
   */
  schematron?: SchematronMode;
  /** Callback delivery: attempts and the pause step between them, ms. */
  callbackAttempts?: number;
  callbackBackoffMs?: number;
  random?: () => number;
  /** WS-Security of incoming requests; default verify-if-present. */
  wsSecurity?: WsSecurityMode;
  /** WS-Security algorithms beyond GOST 2012, RSA and ECDSA. */
  wsSecurityAlgorithms?: Partial<AlgorithmSuite>;
  /** NSI 1520 MO_SIGN: refuse (enforce) or register with a warning (warn, the default). */
  orgSignature?: OrgSignatureMode;
  /** REMD's key and certificate, which sign the callbacks; default a fresh one for this sandbox. */
  remdIdentity?: RemdIdentity;
  /** false: callbacks go unsigned (only for tests of the MIS side's refusal). */
  signCallbacks?: boolean;
  /** Accredited CAs and a CRL cache: personal certificates must chain to one and not be revoked. */
  trust?: SandboxTrust;
}

export interface Sandbox {
  router: Router;
  registry(): RegistryEntry[];
  faults: FaultSwitches;
  /** The certificate REMD signs its callbacks with: what an agent is configured to trust. */
  certificatePem: string;
  /** Resolves when every accepted registration has been answered (or dropped). */
  settled(): Promise<void>;
  close(): void;
}

export function createSandbox(opts: SandboxOptions): Sandbox {
  const log = opts.log ?? silentLogger;
  const registry = new SandboxRegistry();
  const faults = new FaultSwitches(opts.random);
  const deps: RegistrationDeps = {
    dataset: opts.dataset,
    registry,
    fetch: opts.fetch ?? fetch,
    now: opts.now ?? (() => new Date()),
    verifyCms: opts.verifyCms ?? verifyDetachedCms,
    checkXsd: opts.checkXsd ?? realCheckXsd,
    checkSchematron: opts.checkSchematron ?? realCheckSchematron,
    schematron: opts.schematron ?? (opts.strict ? 'enforce' : 'off'),
    orgSignature: opts.orgSignature ?? (opts.strict ? 'enforce' : 'warn'),
    ...(opts.trust ? { trust: opts.trust } : {}),
  };

  const identity = opts.remdIdentity ?? loadOrCreateRemdIdentity();
  const queue = new RegistrationQueue(deps, faults, log, {
    attempts: opts.callbackAttempts, backoffMs: opts.callbackBackoffMs, ...(opts.signCallbacks === false ? {} : { signer: identity.signer }),
  });
  const accept = (registration: Registration) => queue.accept(registration);

  const router = Router();
  router.post('/remd', soapText(), async (req, res) => {
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    if (faults.trip('dropConnection')) return void req.socket.destroy();
    if (faults.trip('serverError')) return void res.status(503).type('text/plain').send('Service Temporarily Unavailable');
    const text = bodyText(req.body);
    if (!text) return sendFault(res, { code: 'Sender', reason: 'Ожидается SOAP 1.2 (application/soap+xml)' });
    let envelope;
    try {
      envelope = parseEnvelope(text);
    } catch (e) {
      if (e instanceof SoapEnvelopeError) return sendFault(res, { code: 'Sender', reason: e.message });
      throw e;
    }
    const refusal = checkMessageSecurity(envelope.root, envelope.headers.clientEntityId, opts.dataset, {
      mode: opts.wsSecurity ?? (opts.strict ? 'require' : 'verify-if-present'), now: deps.now, ...(opts.wsSecurityAlgorithms ? { algorithms: opts.wsSecurityAlgorithms } : {}),
    });
    if (refusal) return sendFault(res, { ...refusal, relatesTo: envelope.headers.messageId });
    if (faults.trip('rateLimit')) {
      return sendFault(res, { code: 'Receiver', reason: 'RATE_LIMIT', errors: [remdError('RATE_LIMIT')], relatesTo: envelope.headers.messageId }, 429);
    }
    const answer = handleRemdOperation(envelope, { ...deps, documentFileUrlFor: opts.documentFileUrlFor, accept });
    // The request took effect; only the answer is lost, as when a connection breaks mid-reply.
    if (faults.trip('lostResponse')) return void req.socket.destroy();
    sendSoap(res, answer.status, answer.xml);
  });
  // The registries pre-flight asks (FRMR, FRMO, FNSI, ГИП), over their own contracts.
  router.use('/frmr', frmrService(opts.dataset));
  router.use('/frmo', frmoService(opts.dataset));
  router.use('/nsi', nsiService(opts.dataset));
  router.use('/patient-index', patientIndexService(opts.dataset));
  router.use('/iemk', iemkService(opts.dataset, (emdrId) => registry.list().find((e) => e.emdrId === emdrId)));
  router.get('/remd/certificate', (_req, res) => void res.type('application/x-pem-file').send(identity.certificatePem));
  router.get('/registry', (_req, res) => {
    res.json(registry.list().map(({ localUid, emdrId, kind, patientSnils, registeredAt }) => ({ localUid, emdrId, kind, patientSnils, registeredAt })));
  });
  router.get('/faults', (_req, res) => void res.json(faults.state()));
  router.post('/faults', express.json({ limit: '16kb' }), (req, res) => {
    const problem = applyFaultSettings(faults, req.body);
    if (problem) return void res.status(400).json({ code: 'SANDBOX_FAULTS_INVALID', message: problem });
    res.json(faults.state());
  });

  return {
    router,
    registry: () => registry.list(),
    faults,
    certificatePem: identity.certificatePem,
    settled: () => queue.settled(),
    close: () => queue.close(),
  };
}
