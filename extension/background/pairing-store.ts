import { browser } from 'wxt/browser';
import { DEFAULT_AGENT_PORT } from '../../shared/protocol/extension-id.ts';
import type { AgentCredentials } from './pair-agent.ts';

/**
 * Pairing lives in storage.local: the service worker may be stopped at any
 * moment, so nothing about the agent is kept only in memory.
 */
export interface Pairing extends AgentCredentials {
  /** The agent's port on 127.0.0.1 at pairing time. */
  port: number;
}

interface PairingKeys {
  /** Set by pairing; removed by «Отменить сопряжение». */
  pairing?: Pairing;
  /** The port the user typed last; DEFAULT_AGENT_PORT until then. */
  agentPort?: number;
}

export async function loadPairing(): Promise<Pairing | undefined> {
  const { pairing } = (await browser.storage.local.get('pairing')) as PairingKeys;
  return pairing;
}

export async function savePairing(pairing: Pairing): Promise<void> {
  await browser.storage.local.set({ pairing, agentPort: pairing.port } satisfies PairingKeys);
}

export async function clearPairing(): Promise<void> {
  await browser.storage.local.remove('pairing');
}

/** The port to dial: the paired one, else the last typed, else the default. */
export async function agentPort(): Promise<number> {
  const { pairing, agentPort } = (await browser.storage.local.get(['pairing', 'agentPort'])) as PairingKeys;
  return pairing?.port ?? agentPort ?? DEFAULT_AGENT_PORT;
}
