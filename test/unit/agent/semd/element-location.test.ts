import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { elementAtPositions, locationOf } from '../../../../agent/semd/element-location.ts';

const root = new DOMParser().parseFromString(
  '<ClinicalDocument xmlns="urn:hl7-org:v3" xmlns:identity="urn:hl7-ru:identity"><id/><recordTarget><patientRole><id/><id/><identity:IdentityDoc/></patientRole></recordTarget></ClinicalDocument>',
  'text/xml',
).documentElement!;

describe('element locations', () => {
  it('names an element by its path, with positions only where a name repeats', () => {
    const role = root.getElementsByTagName('patientRole')[0]!;
    expect(locationOf(role)).toBe('/ClinicalDocument/recordTarget/patientRole');
    expect(locationOf(role.getElementsByTagName('id')[1]!)).toBe('/ClinicalDocument/recordTarget/patientRole/id[2]');
    expect(locationOf(root.getElementsByTagName('identity:IdentityDoc')[0]!)).toBe('/ClinicalDocument/recordTarget/patientRole/identity:IdentityDoc');
  });

  it("finds the element of libxml2's positional path", () => {
    expect(locationOf(elementAtPositions(root, '/*/*[2]/*/*[2]')!)).toBe('/ClinicalDocument/recordTarget/patientRole/id[2]');
    expect(elementAtPositions(root, '/*/*[9]')).toBeUndefined();
    expect(elementAtPositions(root, '/ClinicalDocument/id')).toBeUndefined();
  });
});
