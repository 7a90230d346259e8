/**
 * Pairing management for the local admin API (mounted at /admin/v1/pairing,
 * behind the admin token): a fresh one-time code while the agent runs, the
 * list of paired installs, and revocation — which also drops that install's
 * open connections at once.
 */
import express, { Router } from 'express';
import type { PairingRegistry } from './pairing.ts';

export function createPairingApi(pairing: PairingRegistry, disconnect: (clientId: string) => void): Router {
  const router = Router();
  router.use(express.json({ limit: '4kb' }));
  router.post('/code', (_req, res) => {
    res.json({ code: pairing.issueCode(), validMinutes: 10 });
  });
  router.get('/', (_req, res) => {
    res.json({ clients: pairing.list() });
  });
  router.post('/revoke', (req, res) => {
    const clientId = typeof req.body?.clientId === 'string' ? req.body.clientId : '';
    if (!pairing.revoke(clientId)) {
      res.status(404).json({ code: 'AGENT_PAIRING_UNKNOWN', message: `Сопряжение ${clientId || '(пусто)'} не найдено: список — egisz-agent pairing list.` });
      return;
    }
    disconnect(clientId);
    res.json({ revoked: clientId });
  });
  return router;
}
