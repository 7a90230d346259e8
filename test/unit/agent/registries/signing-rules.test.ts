import { describe, expect, it } from 'vitest';
import { judgeSigner, readSigningRules, SIGNING_RULES_COLUMNS as C } from '../../../../agent/egisz/registries/signing-rules.ts';

const row = (kind: string, role: string, position: string | null, start: string | null, end: string | null) =>
  ({ [C.id]: `${kind}-${role}-${position}`, [C.kind]: kind, [C.role]: role, [C.position]: position, [C.startDate]: start, [C.endDate]: end });

const rules = readSigningRules([
  row('119', 'DOCTOR', '109', '01.01.2022', null),
  row('119', 'DOCTOR', '110', '01.01.2022', '01.01.2026'),
  row('119', 'HEAD_DOCTOR', null, '01.01.2022', null),
  row('186', 'DOCTOR', '35', '2023-08-28', null),
]);

describe('readSigningRules (FNSI rows of 99.2.42)', () => {
  it('reads dd.mm.yyyy and ISO dates, and an empty position as "any"', () => {
    expect(rules[1]).toEqual({ kind: '119', role: 'DOCTOR', position: '110', from: '2022-01-01', to: '2026-01-01' });
    expect(rules[2]).toEqual({ kind: '119', role: 'HEAD_DOCTOR', from: '2022-01-01' });
    expect(rules[3]?.from).toBe('2023-08-28');
  });

  it('skips rows without a kind or a role', () => {
    expect(readSigningRules([row('', 'DOCTOR', '109', null, null), row('119', '', '109', null, null)])).toEqual([]);
  });
});

describe('judgeSigner', () => {
  const judge = (kind: string, role: string, position: string | undefined, day: string) => judgeSigner(rules, { kind, role, position, day });

  it('allows a listed position in its role on a date inside the rule', () => {
    expect(judge('119', 'DOCTOR', '109', '2026-11-26').verdict).toBe('allowed');
    expect(judge('119', 'HEAD_DOCTOR', '4', '2026-11-26').verdict).toBe('allowed');
  });

  it('names the allowed positions when the position may not sign in that role on the date', () => {
    expect(judge('119', 'DOCTOR', '159', '2026-11-26')).toEqual({ verdict: 'position-mismatch', allowed: ['109'] });
    // 110 only until 2026-01-01 (exclusive).
    expect(judge('119', 'DOCTOR', '110', '2025-12-31').verdict).toBe('allowed');
    expect(judge('119', 'DOCTOR', '110', '2026-01-01').verdict).toBe('position-mismatch');
  });

  it('finds no policy for a role outside its dates or not listed for the kind', () => {
    expect(judge('119', 'DOCTOR', '109', '2021-12-31').verdict).toBe('no-role-on-date');
    expect(judge('186', 'NURSE', '159', '2026-11-26').verdict).toBe('no-role-on-date');
  });

  it('judges the role alone without a position, and does not judge kinds the rules do not mention', () => {
    expect(judge('119', 'DOCTOR', undefined, '2026-11-26').verdict).toBe('allowed');
    expect(judge('148', 'NURSE', '159', '2026-11-26').verdict).toBe('not-covered');
  });
});
