/**
 * The sandbox's ФНСИ: the old REST API (fnsi-client.ts) for the dictionaries
 * the agent keeps in shared/dictionaries — today NSI 1520 (виды РЭМД) with
 * its START_DATE / END_DATE. Any userKey is accepted; unknown OIDs are 404.
 */
import { Router } from 'express';
import { documentKindEntries, documentKindsRef } from '../../shared/dictionaries/document-kinds.ts';

interface SandboxDictionary {
  oid: string;
  version: string;
  fullName: string;
  columns: string[];
  rows: () => (string | null)[][];
}

const russianDate = (iso: string | undefined) => (iso ? iso.split('-').reverse().join('.') : null);

const dictionaries: SandboxDictionary[] = [
  {
    oid: documentKindsRef.oid, version: documentKindsRef.version, fullName: 'Регистрируемые электронные медицинские документы',
    // Column names and the dd.mm.yyyy dates as in the FNSI export of 1520.
    columns: ['ID', 'OID', 'TYPE', 'NAME', 'START_DATE', 'END_DATE'],
    rows: () => documentKindEntries().map((k) => [k.code, k.code, k.type, k.name, russianDate(k.startDate), russianDate(k.endDate)]),
  },
];

export function nsiService(): Router {
  const router = Router();
  const find = (oid: unknown) => dictionaries.find((d) => d.oid === oid);
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
      fields: dict.columns.map((field) => ({ field })), keys: [{ field: 'OID', type: 'PRIMARY' }, { field: 'NAME', type: 'VALUE' }],
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
