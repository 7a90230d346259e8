import { describe, expect, it } from 'vitest';
import { isValidKpp } from '../../../../shared/validate/kpp.ts';
import { isDepartmentOf, isOrganizationOid, organizationRegion } from '../../../../shared/validate/organization-oid.ts';

describe('КПП', () => {
  it.each([
    ['770101001', true],
    ['7701AB001', true],
    ['7701ab001', false],
    ['77010100', false],
    ['77010100A', false],
  ])('isValidKpp(%s) is %s', (kpp, valid) => {
    expect(isValidKpp(kpp)).toBe(valid);
  });
});

describe('organization OID', () => {
  it.each([
    ['1.2.643.5.1.13.13.12.2.77.7701', true, '77'],
    ['1.2.643.5.1.13.13.12.2.1.10', true, '1'],
    ['1.2.643.5.1.13.13.12.2.77', false, undefined],
    ['1.2.643.5.1.13.13.12.2.077.7701', false, undefined],
    ['1.2.643.5.1.13.13.12.2.77.7701.0.100001', false, undefined],
    ['1.2.643.5.1.13.13.12.1.77.7701', false, undefined],
    ['1.2.643.5.1.13.13.12.2.77.7701 ', false, undefined],
  ])('%s: %s', (oid, valid, region) => {
    expect(isOrganizationOid(oid)).toBe(valid);
    expect(organizationRegion(oid)).toBe(region);
  });

  it.each([
    ['1.2.643.5.1.13.13.12.2.77.7701.0.100001', true],
    ['1.2.643.5.1.13.13.12.2.77.77010.0.1', false],
    ['1.2.643.5.1.13.13.12.2.77.7701.', false],
    ['1.2.643.5.1.13.13.12.2.77.7701', false],
  ])('department %s under the demo clinic: %s', (department, under) => {
    expect(isDepartmentOf(department, '1.2.643.5.1.13.13.12.2.77.7701')).toBe(under);
  });
});
