/**
 * Gathers the facts the diagnostic checks judge, from the agent's parts or,
 * for `egisz-agent doctor` without a running agent, from the data dir and
 * config: the token module and its certificates, the link to REMD (or the
 * clinic gateway), the outbox, the IEMK sync queue and the NSI downloads.
 * Every probe is bounded in time and a failure is a verdict, never a throw.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DiagnosticCheck } from '../../shared/diagnostics/diagnostic-report.ts';
import type { CertificateSummary } from '../../shared/protocol/messages.ts';
import type { AgentConfig } from '../config.ts';
import { checkedFile } from '../egisz/registries/nsi-store.ts';
import { SIGNING_RULES_OID } from '../egisz/registries/signing-rules.ts';
import type { OutboxStore } from '../outbox/outbox-store.ts';
import { DOCUMENT_KINDS_OID } from '../preflight/document-kind-checks.ts';
import { findInstalledModules } from '../signing/known-modules.ts';
import { listTokenCertificates } from '../signing/signing-commands.ts';
import {
  certificatesCheck, dictionariesCheck, iemkCheck, modulesCheck, outboxCheck, remdCheck,
  type DictionaryFacts, type OutboxFacts, type RemdLink,
} from './agent-checks.ts';

const PROBE_TIMEOUT_MS = 5_000;

export const KEPT_DICTIONARY_NAMES: Record<string, string> = {
  [DOCUMENT_KINDS_OID]: 'Виды медицинской документации (НСИ 1520)',
  [SIGNING_RULES_OID]: 'Правила подписи ЭМД (НСИ 99.2.42)',
};

export interface DiagnosticsSources {
  config: AgentConfig;
  /** The agent's own address, for a demo agent's embedded sandbox. */
  url: string;
  /** Tokens and certificates; absent on a gateway-only agent. */
  tokens?: () => Promise<{ tokens: number; certificates: CertificateSummary[] }>;
  outbox?: OutboxStore;
  now?: () => Date;
}

/** The checks a running agent answers the `diagnostics` frame and `doctor` with, in the page's order. */
export async function agentDiagnostics(src: DiagnosticsSources): Promise<DiagnosticCheck[]> {
  const now = src.now?.() ?? new Date();
  const { config } = src;
  const [certificates, remd, outbox] = await Promise.all([
    src.tokens ? src.tokens().then((found) => certificatesCheck(found), (err: Error) => certificatesCheck({ failure: err.message })) : undefined,
    probeRemd(config, src.url).then(remdCheck),
    src.outbox ? outboxFacts(src.outbox).then((f) => outboxCheck(f, now), (err: Error) => notChecked('outbox', 'Очередь отправки в РЭМД', err)) : outboxCheck(undefined, now),
  ]);
  return [
    ...(config.roles.workstation ? [modulesCheck(findInstalledModules(), configuredModule(config))] : []),
    ...(certificates ? [certificates] : []),
    remd,
    outbox,
    safely('iemk', 'Передача случаев в ИЭМК', () => iemkCheck(iemkFacts(config), now)),
    safely('nsi', 'Справочники НСИ', () => dictionariesCheck(dictionaryFacts(config.dataDir), now)),
  ];
}

/** A check whose facts could not be read is itself a finding, never a failed request. */
function safely(id: string, title: string, check: () => DiagnosticCheck): DiagnosticCheck {
  try {
    return check();
  } catch (err) {
    return notChecked(id, title, err as Error);
  }
}

const notChecked = (id: string, title: string, err: Error): DiagnosticCheck => ({
  id, status: 'warning', title, explanation: `Проверить не удалось: ${err.message}`, action: 'Пришлите этот отчёт в поддержку.',
});

/** Token facts straight from the module (doctor without an agent: the module is free then). */
export async function tokenFactsFromModule(config: AgentConfig): Promise<{ tokens: number; certificates: CertificateSummary[] }> {
  const listing = await listTokenCertificates(config.token!);
  return { tokens: listing.length, certificates: listing.flatMap((t) => t.certificates.map((c) => c.summary)) };
}

function configuredModule(config: AgentConfig): { path: string; exists: boolean } | undefined {
  const path = config.token?.modulePath;
  return path ? { path, exists: existsSync(path) } : undefined;
}

/** Where signed documents go and whether it answers at all (any HTTP status is an answer). */
export async function probeRemd(config: AgentConfig, ownUrl: string): Promise<RemdLink> {
  const link: RemdLink = config.roles.gateway
    ? { target: config.remdEndpoint ? 'remd' : 'sandbox', url: config.remdEndpoint ?? `${ownUrl}/sandbox/remd`, callbackCertificate: callbackCertificate(config) }
    : { target: 'gateway', url: config.gateway!.url };
  try {
    await fetch(link.url, { method: 'GET', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return { ...link, reachable: true };
  } catch (err) {
    const cause = (err as Error & { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    return { ...link, reachable: false, failure: cause };
  }
}

function callbackCertificate(config: AgentConfig): RemdLink['callbackCertificate'] {
  if (!config.remdEndpoint && config.sandbox) return 'sandbox';
  if (!config.remdCertificate) return 'missing';
  try {
    return readFileSync(config.remdCertificate, 'utf8').includes('BEGIN CERTIFICATE') ? 'configured' : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

async function outboxFacts(store: OutboxStore): Promise<OutboxFacts> {
  const waiting = (await Promise.all((['signed', 'failed-retryable', 'submitted'] as const).map((state) => store.list({ state, limit: 500 })))).flat();
  return { counts: await store.counts(), waiting: waiting.map((d) => ({ state: d.state, createdAt: d.createdAt })) };
}

/** The outbox read-only from its file (doctor without an agent); undefined when there is none. */
export function outboxFactsFromFile(dataDir: string): OutboxFacts | undefined {
  const file = join(dataDir, 'outbox.sqlite');
  if (!existsSync(file)) return undefined;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const counts = Object.fromEntries((db.prepare('SELECT state, COUNT(*) AS n FROM documents GROUP BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
    const waiting = db.prepare("SELECT state, created_at AS createdAt FROM documents WHERE state IN ('signed', 'failed-retryable', 'submitted')").all() as { state: string; createdAt: string }[];
    return { counts, waiting };
  } finally {
    db.close();
  }
}

/** The IEMK sync queue, read-only (state and due time only, no patient). */
function iemkFacts(config: AgentConfig): { configured: boolean; rows: { state: string; dueAt: string }[] } {
  const configured = Boolean(config.registries?.iemk ?? config.sandbox);
  const file = join(config.dataDir, 'preflight.sqlite');
  if (!configured || !existsSync(file)) return { configured, rows: [] };
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'iemk_sync'").get();
    return { configured, rows: exists ? (db.prepare('SELECT state, due_at AS dueAt FROM iemk_sync').all() as { state: string; dueAt: string }[]) : [] };
  } finally {
    db.close();
  }
}

/** The newest downloaded version of each kept dictionary; the file's time is its download time (written once, then renamed). */
export function dictionaryFacts(dataDir: string): DictionaryFacts[] {
  const dir = join(dataDir, 'nsi');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  return Object.entries(KEPT_DICTIONARY_NAMES).map(([oid, name]) => {
    const mine = files.filter((f) => f.startsWith(`${oid}_`)).map((f) => ({ f, at: statSync(join(dir, f)).mtime }));
    const newest = mine.sort((a, b) => b.at.getTime() - a.at.getTime())[0];
    const checked = checkedFile(dir, oid);
    const checkedAt = existsSync(checked) ? readFileSync(checked, 'utf8').trim() : undefined;
    return newest
      ? { oid, name, version: newest.f.slice(oid.length + 1, -5), downloadedAt: newest.at.toISOString(), ...(checkedAt ? { checkedAt } : {}) }
      : { oid, name };
  });
}

