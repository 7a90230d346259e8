import type { PairReply, StatusReply, DoneReply } from '../messaging/runtime-messages.ts';
import type { AgentClient } from './agent-client.ts';
import { agentUrl, type SocketFactory } from './agent-socket.ts';
import { jobView } from './job-relay.ts';
import { loadJobs } from './job-store.ts';
import { pairWithAgent } from './pair-agent.ts';
import { agentPort, clearPairing, loadPairing, savePairing } from './pairing-store.ts';

/** Pairs with the agent on `port` using the code the agent shows; the main socket reconnects with the new secret. */
export async function pair(client: AgentClient, Socket: SocketFactory, port: number, code: string): Promise<PairReply> {
  const credentials = await pairWithAgent(agentUrl(port), code.trim(), Socket);
  await savePairing({ ...credentials, port });
  client.close();
  return { ok: true, clientId: credentials.clientId };
}

export async function unpair(client: AgentClient): Promise<DoneReply> {
  await clearPairing();
  client.close();
  return { ok: true };
}

/** Pairing, link and recent jobs; with `probe` it dials the agent to learn whether it is up. */
export async function status(client: AgentClient, probe: boolean): Promise<StatusReply> {
  const [pairing, port, jobs] = await Promise.all([loadPairing(), agentPort(), loadJobs()]);
  let link: StatusReply['link'] = pairing ? (client.isReady ? 'connected' : 'unknown') : 'unpaired';
  if (link === 'unknown' && probe) link = await client.connect().then(() => 'connected' as const, () => 'unreachable' as const);
  return {
    ok: true,
    paired: pairing !== undefined,
    port,
    link,
    jobs: jobs.map((job) => ({ ...jobView(job), title: job.title, origin: job.origin })),
  };
}
