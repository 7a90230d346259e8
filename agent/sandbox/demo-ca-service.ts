/**
 * The demo CA's publication point in the sandbox: its CRL at the URL the demo
 * certificates name (GET /sandbox/ca/demo-ca.crl), and a switch that revokes
 * a demo certificate by serial (POST /sandbox/ca/revoke {"serialNumber": hex}),
 * so a revoked certificate can be shown and tested.
 */
import express, { Router } from 'express';
import { demoCaCrl, revokeDemoCertificate } from '../signing/demo-certificate-authority.ts';

export function demoCaService(caDir: string): Router {
  const router = Router();
  router.get('/demo-ca.crl', (_req, res) => void res.type('application/pkix-crl').send(Buffer.from(demoCaCrl(caDir))));
  router.post('/revoke', express.json(), (req, res) => {
    const serial = (req.body as { serialNumber?: unknown } | undefined)?.serialNumber;
    if (typeof serial !== 'string' || !/^[0-9a-fA-F:]+$/.test(serial)) {
      return void res.status(400).json({ code: 'DEMO_CA_BAD_SERIAL', message: 'Укажите серийный номер сертификата (serialNumber) шестнадцатеричными цифрами.' });
    }
    revokeDemoCertificate(caDir, serial.replace(/:/g, ''));
    res.json({ revoked: serial.replace(/:/g, '').toLowerCase() });
  });
  return router;
}
