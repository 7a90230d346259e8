/** NSI 1520 MO_SIGN as the gateway reads it: where the organization must sign as well. */
import { describe, expect, it } from 'vitest';
import { findDocumentKind, requiresOrganizationSignature } from '../../../../shared/dictionaries/document-kinds.ts';

describe('NSI 1520 MO_SIGN', () => {
  it('asks for the organization signature on a consultation protocol (119)', () => {
    expect(findDocumentKind('119')?.organizationSignature).toBe(true);
    expect(requiresOrganizationSignature('119')).toBe(true);
  });

  it('does not on a telemedicine protocol PDF (8, MO_SIGN «Нет») or an unknown kind', () => {
    expect(requiresOrganizationSignature('8')).toBe(false);
    expect(requiresOrganizationSignature('99999')).toBe(false);
  });
});
