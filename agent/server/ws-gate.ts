/**
 * The WebSocket gate: the only door from the extension into the agent.
 * It accepts an upgrade only on /ws, only with the agent's own Host and an
 * allow-listed extension Origin; then it demands pairing proof (HMAC over a
 * fresh challenge) before any request reaches the job pipeline.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { agentErrors, type AgentErrorCode } from '../../shared/protocol/error-catalogue.ts';
import { MAX_FRAME_BYTES, PROTOCOL_VERSION, type AgentFrame, type ClientFrame } from '../../shared/protocol/messages.ts';
import { parseClientFrame } from '../../shared/protocol/parse-client-frame.ts';
import type { Logger } from '../log.ts';
import { isAllowedHost } from './host-check.ts';
import type { PairingRegistry } from './pairing.ts';
import { RateLimiter } from './rate-limiter.ts';

export type RequestFrame = Extract<ClientFrame, { id: string }>;

export interface ClientChannel {
  clientId: string;
  send(frame: AgentFrame): void;
}

export interface WsGateOptions {
  server: Server;
  port: () => number;
  allowedOrigins: readonly string[];
  pairing: PairingRegistry;
  agentVersion: string;
  log: Logger;
  /** Handles a request from an authenticated client. */
  onRequest(frame: RequestFrame, channel: ClientChannel): Promise<void>;
}

export interface WsGate {
  /** Sends a frame to every open, authenticated connection of the client. */
  broadcast(clientId: string, frame: AgentFrame): void;
  /** Closes every connection of the client (after its pairing was revoked). */
  disconnect(clientId: string): void;
  close(): void;
}

export function attachWsGate(opts: WsGateOptions): WsGate {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const channels = new Map<string, Set<WebSocket>>();

  opts.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = refuseUpgrade(req, opts);
    if (refusal) {
      opts.log.warn('ws.refused', { reason: refusal });
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws));
  });

  function serve(ws: WebSocket): void {
    const challenge = randomBytes(32).toString('hex');
    const limiter = new RateLimiter(30, 60);
    let clientId: string | undefined;
    const send = (frame: AgentFrame): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const fail = (code: AgentErrorCode, id?: string) => send({ type: 'error', id, code, message: agentErrors[code].message });

    send({ type: 'hello', challenge, protocol: PROTOCOL_VERSION, agentVersion: opts.agentVersion });
    ws.on('message', (data, isBinary) => {
      if (!limiter.take()) return fail('AGENT_RATE_LIMITED');
      const parsed = isBinary ? { ok: false as const, reason: 'binary' } : parseClientFrame(data.toString());
      if (!parsed.ok) {
        opts.log.warn('ws.bad-frame', { reason: parsed.reason });
        return fail('AGENT_BAD_FRAME');
      }
      const frame = parsed.frame;
      if (frame.type === 'ping') return send({ type: 'pong' });
      if (frame.type === 'pair') return pair(frame.code);
      if (frame.type === 'auth') return auth(frame.clientId, frame.mac);
      if (!clientId) return fail('AGENT_NOT_PAIRED', frame.id);
      const channel = { clientId, send };
      opts.onRequest(frame, channel).catch((err: unknown) => {
        opts.log.error('ws.request-failed', { type: frame.type, error: String(err) });
        fail('AGENT_INTERNAL', frame.id);
      });
    });
    ws.on('close', () => {
      if (clientId) channels.get(clientId)?.delete(ws);
    });
    ws.on('error', (err) => opts.log.warn('ws.socket-error', { error: err.message }));

    function pair(code: string): void {
      const client = opts.pairing.redeem(code);
      if (!client) return fail('AGENT_PAIRING_CODE_INVALID');
      opts.log.info('pairing.paired', { clientId: client.clientId });
      register(client.clientId);
      send({ type: 'paired', clientId: client.clientId, secret: client.secret });
    }

    function auth(id: string, mac: string): void {
      // The challenge is per connection and used once: a replayed mac fails on the next socket.
      if (clientId || !opts.pairing.verify(id, challenge, mac)) return fail('AGENT_NOT_PAIRED');
      register(id);
      send({ type: 'ready', clientId: id });
    }

    function register(id: string): void {
      clientId = id;
      if (!channels.has(id)) channels.set(id, new Set());
      channels.get(id)!.add(ws);
    }
  }

  return {
    broadcast(clientId, frame) {
      for (const ws of channels.get(clientId) ?? []) if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    },
    disconnect(clientId) {
      for (const ws of channels.get(clientId) ?? []) ws.close(4401, 'pairing revoked');
      channels.delete(clientId);
    },
    close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

function refuseUpgrade(req: IncomingMessage, opts: WsGateOptions): string | undefined {
  if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws') return 'path';
  if (!isAllowedHost(req.headers.host, opts.port())) return 'host';
  if (!opts.allowedOrigins.includes(req.headers.origin ?? '')) return 'origin';
  return undefined;
}
