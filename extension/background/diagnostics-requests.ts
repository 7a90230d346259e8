/**
 * What the «Диагностика» page asks the background: the extension's own
 * checks (agent on the port, protocol, pairing, the MIS site), then the
 * agent's `diagnostics` frame when the paired connection works.
 */
import { browser } from 'wxt/browser';
import type { DiagnosticCheck } from '../../shared/diagnostics/diagnostic-report.ts';
import { DEFAULT_AGENT_PORT } from '../../shared/protocol/extension-id.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol/messages.ts';
import { loadDisabledSites } from '../scrape/site-settings.ts';
import type { DiagnosticsReply } from '../messaging/runtime-messages.ts';
import type { AgentClient } from './agent-client.ts';
import { AgentError } from './agent-error.ts';
import { agentUrl, parseAgentFrame, type SocketFactory } from './agent-socket.ts';
import { agentPortCheck, pairingCheck, protocolCheck, siteCheck, type AgentHello } from './diagnostics-checks.ts';
import { agentPort, loadPairing } from './pairing-store.ts';
import { isProfiledSite } from './profiled-site.ts';

const HELLO_TIMEOUT_MS = 3_000;
/** Reading the token and asking REMD take time on the agent's side. */
const DIAGNOSTICS_TIMEOUT_MS = 30_000;

export async function diagnostics(client: AgentClient, Socket: SocketFactory, siteAddress?: string): Promise<DiagnosticsReply> {
  const [port, pairing] = await Promise.all([agentPort(), loadPairing()]);
  const hello = await readHello(agentUrl(port), Socket);
  const other = !hello && port !== DEFAULT_AGENT_PORT ? await readHello(agentUrl(DEFAULT_AGENT_PORT), Socket) : undefined;
  const checks: DiagnosticCheck[] = [agentPortCheck(port, hello, other && { port: DEFAULT_AGENT_PORT, hello: other })];
  const protocol = protocolCheck(PROTOCOL_VERSION, hello);
  if (protocol) checks.push(protocol);
  const fromAgent = hello && pairing ? await askAgent(client) : undefined;
  checks.push(pairingCheck(pairing !== undefined, fromAgent && (fromAgent === 'refused' ? 'refused' : 'ready')));
  const site = siteCheck(await siteFacts(siteAddress));
  if (site) checks.push(site);
  if (Array.isArray(fromAgent)) checks.push(...fromAgent);
  return { ok: true, checks, extensionVersion: browser.runtime.getManifest().version };
}

/** The agent's checks, or 'refused' when it does not accept this browser's pairing. */
async function askAgent(client: AgentClient): Promise<DiagnosticCheck[] | 'refused' | undefined> {
  try {
    const frame = await client.request({ type: 'diagnostics' }, { timeoutMs: DIAGNOSTICS_TIMEOUT_MS });
    return frame.type === 'diagnostics' ? frame.checks : undefined;
  } catch (err) {
    if (err instanceof AgentError && err.code === 'AGENT_NOT_PAIRED') return 'refused';
    return undefined;
  }
}

/** The agent's hello (it greets before any auth), or undefined when nothing answers in time. */
export function readHello(url: string, Socket: SocketFactory): Promise<AgentHello | undefined> {
  return new Promise((resolve) => {
    let socket: InstanceType<SocketFactory>;
    try {
      socket = new Socket(url);
    } catch {
      return resolve(undefined);
    }
    const finish = (hello: AgentHello | undefined): void => {
      clearTimeout(timer);
      socket.onclose = socket.onmessage = null;
      socket.close();
      resolve(hello);
    };
    const timer = setTimeout(() => finish(undefined), HELLO_TIMEOUT_MS);
    socket.onerror = () => undefined;
    socket.onclose = () => finish(undefined);
    socket.onmessage = (event) => {
      const frame = parseAgentFrame(event.data);
      if (frame?.type === 'hello') finish({ protocol: frame.protocol, agentVersion: frame.agentVersion });
    };
  });
}

/** The MIS site by host only: the page's full address may name a patient. */
async function siteFacts(address: string | undefined) {
  let host: string | undefined;
  try {
    const url = address ? new URL(address) : undefined;
    host = url && /^https?:$/.test(url.protocol) ? url.hostname : undefined;
  } catch {
    host = undefined;
  }
  if (!host || !address) return { profiled: false, disabled: false };
  const [profiled, disabled] = await Promise.all([isProfiledSite([address]), loadDisabledSites().then((sites) => sites.includes(host))]);
  return { host, profiled, disabled };
}
