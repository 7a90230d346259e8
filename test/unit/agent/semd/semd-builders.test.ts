import { describe, expect, it } from 'vitest';
import { buildSemd } from '../../../../agent/semd/semd-builders.ts';
import { demoConsultation, fixedIdentity } from '../../../fixtures/semd/demo-record.ts';

describe('buildSemd', () => {
  it('dispatches kind 119 to the consultation protocol', () => {
    const built = buildSemd(demoConsultation(), fixedIdentity);
    expect(built.kind).toBe('119');
    expect(built.title).toBe('Протокол консультации');
    expect(built.xml).toContain('1.2.643.5.1.13.2.7.5.1.5.9.4');
  });

  it('refuses an unsupported kind with DOCUMENT_KIND_UNSUPPORTED and a Russian message', () => {
    const record = demoConsultation();
    record.document.kind = '9999';
    expect(() => buildSemd(record, fixedIdentity)).toThrow(
      expect.objectContaining({ code: 'DOCUMENT_KIND_UNSUPPORTED', message: expect.stringMatching(/не поддерживается/) }),
    );
  });
});
