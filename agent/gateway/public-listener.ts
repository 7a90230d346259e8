/**
 * A gateway's listener on the clinic network: what EGISZ calls (the REMD
 * callback, getDocumentFile) and the workstations' API, nothing else — no
 * WebSocket, no admin API, no sandbox or demo MIS. The loopback Host check
 * does not apply here; `allowFrom` (exact addresses, or prefixes ending in
 * "." or ":") limits who may connect at all, as a second fence behind the
 * firewall/VPN that should already keep everyone else out.
 */
import express, { type Router } from 'express';
import { createServer, type Server } from 'node:http';
import type { Logger } from '../log.ts';

export interface PublicListen {
  host: string;
  port: number;
  allowFrom?: string[];
}

export function allowedPeer(address: string | undefined, allowFrom: readonly string[] | undefined): boolean {
  if (!allowFrom?.length) return true;
  const peer = (address ?? '').replace(/^::ffff:/, '');
  return allowFrom.some((rule) => (/[.:]$/.test(rule) ? peer.startsWith(rule) : peer === rule));
}

export async function startPublicListener(listen: PublicListen, routes: Router, log: Logger): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    if (allowedPeer(req.socket.remoteAddress, listen.allowFrom)) return next();
    log.warn('gateway.peer-refused', { peer: req.socket.remoteAddress });
    res.status(403).type('text/plain').send('Forbidden');
  });
  app.use(routes);
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  log.info('gateway.listening', { host: listen.host, port: (server.address() as { port: number }).port });
  return server;
}
