/**
 * Agent configuration, validated once at start. Demo mode fills everything
 * from the demo clinic; otherwise the clinic's values come from
 * <dataDir>/config.json (or --config FILE).
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_AGENT_PORT, EXTENSION_ORIGINS } from '../shared/protocol/extension-id.ts';
import type { ClinicContext } from './jobs/record-completion.ts';
import { demoClientEntityId, demoDoctor, demoOrganization } from './demo/demo-clinic.ts';
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
  /** The PKCS#11 module of the doctor's token; absent in demo mode until the demo token exists. */
  token?: TokenModuleConfig;
  /** Origins allowed to open the WebSocket: the extension's. */
  allowedOrigins: string[];
}

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
  if (opts.demo) {
    return {
      port, dataDir, demo: true, sandbox: true, clientEntityId: demoClientEntityId, allowedOrigins: EXTENSION_ORIGINS,
      clinic: { organization: demoOrganization, staff: [demoDoctor] },
    };
  }
  const file = opts.configFile ?? join(dataDir, 'config.json');
  if (!existsSync(file)) {
    throw new ConfigError(`no configuration at ${file}: create it (see README, "Configuration") or run with --demo`);
  }
  return { port, dataDir, demo: false, sandbox: false, allowedOrigins: EXTENSION_ORIGINS, ...parseClinicConfig(file) };
}

function parseClinicConfig(file: string): Pick<AgentConfig, 'clinic' | 'clientEntityId' | 'remdEndpoint' | 'token'> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const need = (key: string) => {
    if (raw[key] === undefined) throw new ConfigError(`${file}: "${key}" is required`);
    return raw[key];
  };
  return {
    clinic: { organization: need('organization') as ClinicContext['organization'], staff: (raw.staff as ClinicContext['staff']) ?? [] },
    clientEntityId: String(need('clientEntityId')),
    remdEndpoint: raw.remdEndpoint as string | undefined,
    token: need('token') as TokenModuleConfig,
  };
}
