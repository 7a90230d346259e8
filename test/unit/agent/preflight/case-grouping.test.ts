import { describe, expect, it } from 'vitest';
import { groupIntoCases, type CaseEdits, type CaseVisit } from '../../../../agent/preflight/case-grouping.ts';

const noEdits: CaseEdits = { moves: new Map(), closures: new Map() };
const v = (localUid: string, visitDate: string, mainDiagnosis: string, extra: Partial<CaseVisit> = {}): CaseVisit =>
  ({ localUid, patientSnils: '15642781886', visitDate, mainDiagnosis, ...extra });
const ids = (cases: { visits: CaseVisit[] }[]) => cases.map((c) => c.visits.map((x) => x.localUid));

describe('groupIntoCases', () => {
  it('joins visits of one МКБ-10 category within 30 days, in date order', () => {
    const visits = [v('c', '2026-11-20', 'J06.0'), v('a', '2026-11-01', 'J06.9'), v('m', '2026-11-05', 'M54.5')];
    const cases = groupIntoCases(visits, noEdits, '2026-11-26');
    expect(ids(cases)).toEqual([['a', 'c'], ['m']]);
    expect(cases[0]).toMatchObject({ caseId: 'a', category: 'J06', openDate: '2026-11-01', lastVisitDate: '2026-11-20' });
    expect(cases[0]!.closeDate).toBeUndefined();
  });

  it('opens a new case after a gap of more than 30 days and closes the old one on its last visit', () => {
    const cases = groupIntoCases([v('a', '2026-09-01', 'J06.9'), v('b', '2026-11-01', 'J06.9')], noEdits, '2026-11-26');
    expect(ids(cases)).toEqual([['a'], ['b']]);
    expect(cases[0]).toMatchObject({ closeDate: '2026-09-01', closedBy: 'gap' });
  });

  it('keeps the MIS case id and applies the user\'s moves and closures', () => {
    const visits = [v('a', '2026-11-01', 'J06.9'), v('b', '2026-11-03', 'J06.9'), v('x', '2026-11-04', 'K29.7', { misCaseId: 'mis-7' })];
    const edits: CaseEdits = { moves: new Map([['b', 'b'], ['a', 'mis-7']]), closures: new Map([['mis-7', '2026-11-10']]) };
    const cases = groupIntoCases(visits, edits, '2026-11-26');
    expect(cases.find((c) => c.caseId === 'mis-7')).toMatchObject({ closeDate: '2026-11-10', closedBy: 'user', openDate: '2026-11-01' });
    expect(ids(cases).sort()).toEqual([['b'], ['x', 'a']].sort());
  });

  it('does not add a visit to a case the user closed before it', () => {
    const edits: CaseEdits = { moves: new Map(), closures: new Map([['a', '2026-11-02']]) };
    expect(ids(groupIntoCases([v('a', '2026-11-01', 'J06.9'), v('b', '2026-11-05', 'J06.9')], edits, '2026-11-06'))).toEqual([['a'], ['b']]);
  });
});
