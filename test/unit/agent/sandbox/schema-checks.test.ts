import { describe, expect, it } from 'vitest';
import { schematronFindings, xsdErrors } from '../../../../agent/sandbox/schema-checks.ts';

const findings = Array.from({ length: 12 }, (_, i) => ({ message: `У1-${i}. Нарушено правило.`, location: '/ClinicalDocument' }));
const schematron = async () => ({ ok: false, findings });

describe('schema-checks', () => {
  it('reports XSD errors with their lines, at most ten', async () => {
    const errors = Array.from({ length: 12 }, (_, i) => ({ line: i + 1, message: `cvc-complex-type.2.4.a ${i}` }));
    const items = await xsdErrors('<x/>', '119', async () => ({ ok: false, errors }));
    expect(items).toHaveLength(10);
    expect(items[0]).toEqual({ code: 'VALIDATION_ERROR', message: 'Ошибка валидации значения: строка 1: cvc-complex-type.2.4.a 0' });
  });

  it('refuses a kind without XSD', async () => {
    const items = await xsdErrors('<x/>', '5', async () => { throw new Error('no schema'); });
    expect(items.map((e) => e.message)).toEqual(['Ошибка валидации значения: Вид документа [5] не поддерживается: нет XSD-схемы']);
  });

  it.each([
    ['enforce', 10, 0],
    ['warn', 0, 10],
    ['off', 0, 0],
  ] as const)('puts Schematron findings where %s mode says', async (mode, errors, warnings) => {
    const verdict = await schematronFindings('<x/>', '119', schematron, mode);
    expect([verdict.errors.length, verdict.warnings.length]).toEqual([errors, warnings]);
  });

  it('passes a document the rules accept', async () => {
    expect(await schematronFindings('<x/>', '119', async () => ({ ok: true, findings: [] }), 'enforce')).toEqual({ errors: [], warnings: [] });
  });
});
