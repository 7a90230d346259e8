/**
 * The sandbox's patient index (ГИП): `GET /patient?snils=` from the federal
 * dataset's patients, the contract of patient-index-client.ts.
 */
import { Router } from 'express';
import { findPatient, type FederalDataset } from './federal-dataset.ts';

export function patientIndexService(dataset: FederalDataset): Router {
  const router = Router();
  router.get('/patient', (req, res) => {
    const patient = findPatient(dataset, String(req.query.snils ?? ''));
    if (!patient) return void res.status(404).json({ message: 'Пациент не найден' });
    res.json({ content: patient });
  });
  return router;
}
