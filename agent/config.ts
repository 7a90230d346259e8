/**
 * Agent configuration, validated once at start. Demo mode fills everything
 * from the demo clinic; otherwise the clinic's values come from
 * <dataDir>/config.json (or --config FILE).
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_AGENT_PORT, EXTENSION_ORIGINS } from '../shared/protocol/extension-id.ts';
import type { GatewayLink } from './gateway/gateway-client.ts';
import type { OrganizationKeyConfig } from './gateway/organization-key.ts';
import type { WorkstationCredential } from './gateway/gateway-auth.ts';
import type { PublicListen } from './gateway/public-listener.ts';
import type { ClinicContext } from './jobs/record-completion.ts';
import type { IemkAutoSyncSettings } from './preflight/iemk-auto-sync.ts';
import { parseIemkSyncSettings } from './preflight/iemk-sync-settings.ts';
import type { RegistriesConfig } from './preflight/preflight-setup.ts';
import { parseOutboxSettings, type OutboxSettings } from './outbox/outbox-settings.ts';
import { demoCareFacts, demoClientEntityId, demoDoctor, demoOrganization } from './demo/demo-clinic.ts';
import { parseCareFacts } from './semd/care-facts.ts';
import type { TokenModuleConfig } from './signing/token-client.ts';

export interface AgentConfig {
  /** TCP port on loopback; 0 picks a free one (tests). */
  port: number;
  /** Folder for the outbox database, pairings and the demo token; created 0700. */
  dataDir: string;
  /** Serve the sandbox, the demo MIS and a SoftHSM2 demo token. */
  demo: boolean;
  /** Serve the EGISZ sandbox under /sandbox/ (always on in demo mode). */
  sandbox: boolean;
  clinic: ClinicContext;
  /** The information system's ID in EGISZ (transportHeader/authInfo/clientEntityId). */
  clientEntityId: string;
  /** REMD SOAP endpoint; absent means this agent's own sandbox. */
  remdEndpoint?: string;
  /** PEM file of the certificate(s) REMD signs its callbacks with; callbacks signed otherwise are refused. */
  remdCertificate?: string;
  /** The PKCS#11 module of the doctor's token; absent in demo mode until the demo token exists. */
  token?: TokenModuleConfig;
  /** Origins allowed to open the WebSocket: the extension's. */
  allowedOrigins: string[];
  /**
   * workstation: the extension channel and the token; gateway: the EGISZ
   * transport, callback endpoints and the outbox. Both by default.
   */
  roles: { workstation: boolean; gateway: boolean };
  /** A workstation without the gateway role sends its signed documents here. */
  gateway?: GatewayLink;
  /** A gateway accepts documents from these workstations (HMAC with the secret). */
  workstations: WorkstationCredential[];
  /** The base URL EGISZ reaches this gateway at (ReplyTo, getDocumentFile); default the loopback URL. */
  publicUrl?: string;
  /** A gateway's second listener on the clinic network (EGISZ and workstations); loopback only when absent. */
  listen?: PublicListen;
  outbox: OutboxSettings;
  /** FRMR, FRMO, FNSI and patient-index endpoints for pre-flight; absent: the sandbox's in demo mode, none otherwise. */
  registries?: RegistriesConfig;
  /** config.json "iemkSync": the IEMK sync's timing (visitSettleMs); absent keys keep their defaults. */
  iemkSync?: Partial<IemkAutoSyncSettings>;
  /** config.json "trustedCa": PEM/DER files or folders of the accredited CAs' certificates (agent/signing/trust-store.ts). */
  trustedCa?: string[];
  /** The gateway's information-system key (WS-Security, orgSignature); demo mode provisions one when absent. */
  organizationKey?: OrganizationKeyConfig;
}

/** The part of config.json about roles, the gateway link and the outbox; also read in demo mode. */
type DeploymentConfig = Pick<AgentConfig, 'roles' | 'gateway' | 'workstations' | 'publicUrl' | 'listen' | 'outbox' | 'registries' | 'iemkSync' | 'organizationKey' | 'remdCertificate' | 'trustedCa'> & { remdEndpoint?: string };

export interface ConfigOptions {
  port?: number;
  dataDir?: string;
  demo?: boolean;
  configFile?: string;
}

export class ConfigError extends Error {}

export function defaultDataDir(): string {
  return process.env.EGISZ_DATA_DIR ?? join(homedir(), '.egisz-bridge');
}

export function loadConfig(opts: ConfigOptions): AgentConfig {
  const dataDir = opts.dataDir ?? defaultDataDir();
  const port = opts.port ?? DEFAULT_AGENT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`--port: ${port} is not a TCP port`);
  const file = opts.configFile ?? join(dataDir, 'config.json');
  if (opts.demo) {
    // Demo mode: the demo clinic, plus roles/gateway/outbox/remdEndpoint from config.json when there is one.
    const raw = existsSync(file) ? readJson(file) : {};
    return {
      port, dataDir, demo: true, sandbox: true, clientEntityId: demoClientEntityId, allowedOrigins: allowedOrigins(raw, file),
      clinic: { organization: demoOrganization, staff: [demoDoctor], careFacts: demoCareFacts }, ...parseDeployment(raw, file),
    };
  }
  if (!existsSync(file)) {
    throw new ConfigError(`no configuration at ${file}: create it (see README, "Configuration") or run with --demo`);
  }
  const raw = readJson(file);
  return { port, dataDir, demo: false, sandbox: false, allowedOrigins: allowedOrigins(raw, file), ...parseClinicConfig(raw, file), ...parseDeployment(raw, file) };
}

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new ConfigError(`${file}: not JSON (${(e as Error).message})`);
  }
}

/**
 * The extension's fixed Chromium origin, plus config.json "extensionOrigins":
 * Firefox gives each profile its own moz-extension://<uuid> (fixed per profile
 * with the pref extensions.webextensions.uuids), so that one is listed by hand.
 */
function allowedOrigins(raw: Record<string, unknown>, file: string): string[] {
  const extra = raw.extensionOrigins ?? [];
  if (!Array.isArray(extra) || extra.some((o) => typeof o !== 'string' || !/^(chrome|moz)-extension:\/\/[\w-]+$/.test(o))) {
    throw new ConfigError(`${file}: "extensionOrigins" is a list like ["moz-extension://<uuid>"]`);
  }
  return [...EXTENSION_ORIGINS, ...(extra as string[])];
}

const ROLE_NAMES = ['workstation', 'gateway'] as const;

function parseDeployment(raw: Record<string, unknown>, file: string): DeploymentConfig {
  const roleList = (raw.roles ?? ROLE_NAMES) as unknown;
  if (!Array.isArray(roleList) || !roleList.length || roleList.some((r) => !ROLE_NAMES.includes(r as never))) {
    throw new ConfigError(`${file}: "roles" is a non-empty list of ${ROLE_NAMES.join(', ')}`);
  }
  const roles = { workstation: roleList.includes('workstation'), gateway: roleList.includes('gateway') };
  const gateway = raw.gateway as AgentConfig['gateway'];
  if (roles.workstation && !roles.gateway && !(gateway?.url && gateway.id && gateway.secret)) {
    throw new ConfigError(`${file}: a workstation without the gateway role needs "gateway": {"url", "id", "secret"}`);
  }
  const workstations = (raw.workstations ?? []) as WorkstationCredential[];
  if (!Array.isArray(workstations) || workstations.some((w) => !w?.id || typeof w.secret !== 'string' || w.secret.length < 32)) {
    throw new ConfigError(`${file}: "workstations" is a list of {"id", "secret"} with secrets of 32+ characters`);
  }
  let outbox: OutboxSettings;
  try {
    outbox = parseOutboxSettings(raw.outbox, file);
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  const iemkSync = parseIemkSyncSettings(raw.iemkSync);
  if ('problem' in iemkSync) throw new ConfigError(`${file}: ${iemkSync.problem}`);
  const listen = raw.listen as PublicListen | undefined;
  if (listen !== undefined && !(typeof listen.host === 'string' && Number.isInteger(listen.port))) {
    throw new ConfigError(`${file}: "listen" is {"host", "port", "allowFrom"?: [addresses]}`);
  }
  return {
    roles, gateway, workstations, outbox, listen,
    publicUrl: raw.publicUrl as string | undefined,
    ...(raw.registries !== undefined ? { registries: raw.registries as RegistriesConfig } : {}),
    ...(Object.keys(iemkSync).length ? { iemkSync } : {}),
    ...(raw.remdEndpoint !== undefined ? { remdEndpoint: String(raw.remdEndpoint) } : {}),
    // A relative path is relative to config.json.
    ...(raw.remdCertificate !== undefined ? { remdCertificate: resolve(dirname(file), String(raw.remdCertificate)) } : {}),
    ...(raw.organizationKey !== undefined ? { organizationKey: parseOrganizationKey(raw.organizationKey, file) } : {}),
    ...(raw.trustedCa !== undefined ? { trustedCa: parseTrustedCa(raw.trustedCa, file) } : {}),
  };
}

function parseTrustedCa(raw: unknown, file: string): string[] {
  const paths = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => typeof p === 'string')) {
    throw new ConfigError(`${file}: "trustedCa" is a path or a list of paths (PEM/DER files or folders of the accredited CAs' certificates)`);
  }
  const resolved = paths.map((p: string) => resolve(dirname(file), p));
  const missing = resolved.find((p) => !existsSync(p));
  if (missing) throw new ConfigError(`${file}: "trustedCa": ${missing} does not exist`);
  return resolved;
}

function parseOrganizationKey(raw: unknown, file: string): OrganizationKeyConfig {
  const key = raw as Partial<OrganizationKeyConfig> | null;
  if (!key?.token?.modulePath || !(key.pinEnv || key.pinFile)) {
    throw new ConfigError(`${file}: "organizationKey" is {"token": {"modulePath", "tokenLabel"?}, "certificate"?, "pinEnv" | "pinFile"}`);
  }
  return key as OrganizationKeyConfig;
}

function parseClinicConfig(raw: Record<string, unknown>, file: string): Pick<AgentConfig, 'clinic' | 'clientEntityId' | 'remdEndpoint' | 'token'> {
  const need = (key: string) => {
    if (raw[key] === undefined) throw new ConfigError(`${file}: "${key}" is required`);
    return raw[key];
  };
  return {
    clinic: {
      organization: need('organization') as ClinicContext['organization'], staff: (raw.staff as ClinicContext['staff']) ?? [],
      ...(raw.careFacts !== undefined ? { careFacts: clinicCareFacts(raw.careFacts, file) } : {}),
    },
    clientEntityId: String(need('clientEntityId')),
    remdEndpoint: raw.remdEndpoint as string | undefined,
    token: raw.token as TokenModuleConfig | undefined,
  };
}

/** config.json "careFacts": the clinic's defaults for what the SEMD templates need beyond the record. */
function clinicCareFacts(raw: unknown, file: string): NonNullable<ClinicContext['careFacts']> {
  const facts = parseCareFacts(raw);
  if ('problem' in facts) throw new ConfigError(`${file}: "careFacts": ${facts.problem}`);
  return facts;
}
