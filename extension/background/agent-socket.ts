import { MAX_FRAME_BYTES, type AgentFrame } from '../../shared/protocol/messages.ts';

/** The part of the browser's WebSocket the agent client uses; tests inject a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type SocketFactory = new (url: string) => SocketLike;

/** WebSocket.OPEN, spelled out so fakes need not define the constant. */
export const SOCKET_OPEN = 1;

/** The agent's address on loopback; the port comes from pairing or settings. */
export const agentUrl = (port: number): string => `ws://127.0.0.1:${port}/ws`;

/** A frame from the agent, or undefined for anything that is not a sane JSON frame. */
export function parseAgentFrame(data: unknown): AgentFrame | undefined {
  if (typeof data !== 'string' || data.length > MAX_FRAME_BYTES) return undefined;
  try {
    const frame: unknown = JSON.parse(data);
    if (typeof frame !== 'object' || frame === null || typeof (frame as { type?: unknown }).type !== 'string') return undefined;
    return frame as AgentFrame;
  } catch {
    return undefined;
  }
}
