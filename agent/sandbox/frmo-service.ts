/**
 * The sandbox's ФРМО: the contract of frmo-client.ts from the federal
 * dataset's organizations — `GET /organization?oid=` → {content}, 404 unknown.
 */
import { Router } from 'express';
import type { FrmoOrganization } from '../egisz/registries/frmo-client.ts';
import { findOrganization, type FederalDataset, type FederalOrganization } from './federal-dataset.ts';

export function frmoService(dataset: FederalDataset): Router {
  const router = Router();
  router.get('/organization', (req, res) => {
    const org = findOrganization(dataset, String(req.query.oid ?? ''));
    if (!org) return void res.status(404).json({ message: 'Организация не найдена в реестре организаций' });
    res.json({ content: toFrmo(org) });
  });
  return router;
}

function toFrmo(org: FederalOrganization): FrmoOrganization {
  return {
    oid: org.oid, nameFull: org.name, ...(org.ogrn ? { ogrn: org.ogrn } : {}),
    createDate: org.activeFrom,
    // The dataset keeps the last active day; FRMO's deleteDate is the first closed one.
    deleteDate: org.activeTo ? nextDay(org.activeTo) : null,
    departments: org.departments.map((oid) => ({ oid })),
    rmisBindings: [...org.boundSystems],
  };
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86400_000).toISOString().slice(0, 10);
