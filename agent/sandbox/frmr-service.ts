/**
 * The sandbox's ФРМР: the REST contract of frmr-client.ts served from the
 * federal dataset's staff. `/person?snils=`, `/person/card?snils=&lastName=`;
 * the payload in `content`, 404 for an unknown person (FRMR's "not found").
 */
import { Router } from 'express';
import type { FrmrCard, FrmrPerson } from '../egisz/registries/frmr-client.ts';
import { findStaff, type FederalDataset, type FederalStaff } from './federal-dataset.ts';

export function frmrService(dataset: FederalDataset): Router {
  const router = Router();
  router.get('/person', (req, res) => {
    const staff = findStaff(dataset, String(req.query.snils ?? ''));
    if (!staff) return void res.status(404).json({ message: 'Сотрудник не найден' });
    res.json({ content: toPerson(staff) });
  });
  router.get('/person/card', (req, res) => {
    const staff = findStaff(dataset, String(req.query.snils ?? ''));
    // FRMR finds cards by SNILS and last name together.
    if (!staff || staff.lastName.toLowerCase() !== String(req.query.lastName ?? '').trim().toLowerCase()) {
      return void res.status(404).json({ message: 'Личное дело не найдено' });
    }
    res.json({ content: { personCard: staff.cards.map(toCard) } });
  });
  return router;
}

function toPerson(staff: FederalStaff): FrmrPerson {
  return {
    snils: staff.snils, lastName: staff.lastName, firstName: staff.firstName,
    ...(staff.middleName ? { patronymic: staff.middleName } : {}),
    ...(staff.birthDate ? { birthDate: staff.birthDate } : {}),
  };
}

function toCard(card: FederalStaff['cards'][number]): FrmrCard {
  return { organization: card.organization, fedPositionId: card.positionCode, beginDate: card.beginDate, endDate: card.endDate };
}
