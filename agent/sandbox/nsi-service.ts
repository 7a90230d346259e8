/**
 * The sandbox's ФНСИ: the old REST API (fnsi-client.ts) for the dictionaries
 * pre-flight keeps current — NSI 1520 (виды РЭМД) with its START_DATE /
 * END_DATE, and the dataset's version of 99.2.42 (правила подписи ЭМД) under
 * the column names of signing-rules.ts. Any userKey is accepted; unknown OIDs
 * are 404.
 */
import { Router } from 'express';
import { documentKindEntries, documentKindsRef } from '../../shared/dictionaries/document-kinds.ts';
import { SIGNING_RULES_COLUMNS, SIGNING_RULES_OID } from '../egisz/registries/signing-rules.ts';
import type { FederalDataset } from './federal-dataset.ts';
import { expandSigningRules } from './signing-policy.ts';

interface SandboxDictionary {
  oid: string;
  version: string;
  fullName: string;
  columns: string[];
  primaryKey: string;
  rows: () => (string | null)[][];
}

const russianDate = (iso: string | undefined) => (iso ? iso.split('-').reverse().join('.') : null);

const documentKinds: SandboxDictionary = {
  oid: documentKindsRef.oid, version: documentKindsRef.version, fullName: 'Регистрируемые электронные медицинские документы',
  // Column names and the dd.mm.yyyy dates as in the FNSI export of 1520.
  columns: ['ID', 'OID', 'TYPE', 'NAME', 'START_DATE', 'END_DATE'], primaryKey: 'OID',
  rows: () => documentKindEntries().map((k) => [k.code, k.code, k.type, k.name, russianDate(k.startDate), russianDate(k.endDate)]),
};

function signingRules(dataset: FederalDataset): SandboxDictionary[] {
  if (!dataset.signingRules) return [];
  const c = SIGNING_RULES_COLUMNS;
  return [{
    oid: SIGNING_RULES_OID, version: dataset.signingRules.version, fullName: 'РЭМД. Правила подписи ЭМД',
    columns: [c.id, c.kind, c.role, c.position, c.startDate, c.endDate], primaryKey: c.id,
    rows: () => expandSigningRules(dataset).map((r, i) => [String(i + 1), r.kind, r.role, r.position ?? null, russianDate(r.from), russianDate(r.to)]),
  }];
}

export function nsiService(dataset: FederalDataset): Router {
  const router = Router();
  const find = (oid: unknown) => [documentKinds, ...signingRules(dataset)].find((d) => d.oid === oid);
  router.get('/port/rest/versions', (req, res) => {
    const dict = find(req.query.identifier);
    if (!dict) return void res.status(404).json({ result: 'ERROR' });
    res.json({ result: 'OK', total: 1, list: [{ version: dict.version }] });
  });
  router.get('/port/rest/passport', (req, res) => {
    const dict = find(req.query.identifier);
    if (!dict || (req.query.version && req.query.version !== dict.version)) return void res.status(404).json({ result: 'ERROR' });
    res.json({
      oid: dict.oid, version: dict.version, fullName: dict.fullName, rowsCount: dict.rows().length,
      fields: dict.columns.map((field) => ({ field })), keys: [{ field: dict.primaryKey, type: 'PRIMARY' }],
    });
  });
  router.get('/port/rest/data', (req, res) => {
    const dict = find(req.query.identifier);
    if (!dict) return void res.status(404).json({ result: 'ERROR' });
    const size = Math.min(Number(req.query.size) || 200, 2000);
    const page = Math.max(Number(req.query.page) || 1, 1);
    const rows = dict.rows();
    const list = rows.slice((page - 1) * size, page * size).map((row) => row.map((value, i) => ({ column: dict.columns[i]!, value })));
    res.json({ result: 'OK', total: rows.length, list });
  });
  return router;
}
