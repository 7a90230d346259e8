import { describe, expect, it } from 'vitest';
import { localIdRoot, newDocumentIdentity, nextVersion } from '../../../../agent/semd/document-identity.ts';

const mo = '1.2.643.5.1.13.13.12.2.77.7701';

describe('document identity', () => {
  it('derives the local OID roots from the organization OID', () => {
    expect(localIdRoot(mo, 'document')).toBe(`${mo}.100.1.1.51`);
    expect(localIdRoot(mo, 'documentSet')).toBe(`${mo}.100.1.1.50`);
    expect(localIdRoot(mo, 'patient')).toBe(`${mo}.100.1.1.10`);
    expect(localIdRoot(mo, 'staff')).toBe(`${mo}.100.1.1.70`);
    expect(localIdRoot(mo, 'case')).toBe(`${mo}.100.1.1.15`);
    expect(localIdRoot(mo, 'card')).toBe(`${mo}.100.1.1.17`);
    expect(localIdRoot(mo, 'document', { misNumber: '42', misInstance: '3' })).toBe(`${mo}.100.42.3.51`);
  });

  it('starts a new set at version 1 with a UUID', () => {
    const identity = newDocumentIdentity();
    expect(identity.localUid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(identity.setId).toBe(identity.localUid);
    expect(identity.versionNumber).toBe(1);
  });

  it('makes a correction a new id in the same set with the next version number', () => {
    const first = newDocumentIdentity();
    const second = nextVersion(first);
    const third = nextVersion(second);
    expect(second.localUid).not.toBe(first.localUid);
    expect(second.setId).toBe(first.setId);
    expect([second.versionNumber, third.versionNumber]).toEqual([2, 3]);
    expect(() => nextVersion(first, first.localUid)).toThrow(expect.objectContaining({ code: 'DOCUMENT_VERSION_INVALID' }));
  });
});
