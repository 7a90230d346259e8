/** What a local SEMD check means before the PIN: which findings block, which reach the confirm page. */
import { describe, expect, test } from 'vitest';
import { semdVerdict } from '../../../../agent/jobs/semd-verdict.ts';
import type { SemdCheck } from '../../../../agent/semd/semd-check.ts';
import type { Issue } from '../../../../shared/validate/issue.ts';

const finding = (path: string): Issue => ({
  path, code: 'DOCUMENT_SCHEMATRON_FAILED', severity: 'error', message: `Правило У1-1 не выполнено: ${path}`, remdCode: 'VALIDATION_ERROR',
});
const schematron = (...paths: string[]): SemdCheck => ({
  ok: paths.length === 0, xsd: [], schematron: paths.map((path) => ({ message: path, location: '/ClinicalDocument', path })), issues: paths.map(finding),
});

describe('semdVerdict', () => {
  test('a clean document passes without warnings', () => {
    expect(semdVerdict(schematron())).toEqual({ ok: true, warnings: [] });
  });

  test('XSD errors block with their issues', () => {
    const check: SemdCheck = { ok: false, xsd: [{ message: 'bad' }], schematron: [], issues: [{ ...finding('document'), code: 'DOCUMENT_XSD_INVALID' }] };
    expect(semdVerdict(check)).toMatchObject({ ok: false, code: 'DOCUMENT_XSD_INVALID', issues: [{ code: 'DOCUMENT_XSD_INVALID' }] });
  });

  test.each(['patient.snils', 'practitioner.positionCode', 'encounter.diagnoses', 'encounter.patientCondition', 'patient', 'study.description', 'referral.service'])(
    'a finding on the form field %s blocks, with every finding listed', (path) => {
      const verdict = semdVerdict(schematron('careFacts.visitKind', path));
      expect(verdict).toMatchObject({ ok: false, code: 'DOCUMENT_SCHEMATRON_FAILED' });
      if (!verdict.ok) expect(verdict.issues.map((i) => i.path)).toEqual(['careFacts.visitKind', path]);
    },
  );

  test('findings on the clinic settings or the document make-up reach the confirm page as warnings, with their field', () => {
    const verdict = semdVerdict(schematron('careFacts.paymentSource', 'organization.oid', 'document', 'document.localUid'));
    expect(verdict.ok).toBe(true);
    if (verdict.ok) {
      expect(verdict.warnings.map((w) => [w.path, w.severity, w.code])).toEqual([
        ['careFacts.paymentSource', 'warning', 'DOCUMENT_SCHEMATRON_FAILED'],
        ['organization.oid', 'warning', 'DOCUMENT_SCHEMATRON_FAILED'],
        ['document', 'warning', 'DOCUMENT_SCHEMATRON_FAILED'],
        ['document.localUid', 'warning', 'DOCUMENT_SCHEMATRON_FAILED'],
      ]);
    }
  });
});
