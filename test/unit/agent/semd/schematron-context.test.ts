import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { contextChains, documentChains, mayMatch } from '../../../../agent/semd/schematron-context.ts';

const ns = new Map([['identity', 'urn:hl7-ru:identity']]);

describe('Schematron context chains', () => {
  it('drops predicates and resolves prefixes', () => {
    expect(contextChains("ClinicalDocument/recordTarget/patientRole[identity:IdentityDoc[not(@nullFlavor)]]/id[1]", ns)).toEqual({
      absolute: [],
      anywhere: ['{}ClinicalDocument/{}recordTarget/{}patientRole/{}id'],
    });
    expect(contextChains("//code[not(@nullFlavor)][not(@code='ASSERTION')] | //identity:Patronymic", ns)).toEqual({
      absolute: [],
      anywhere: ['{}code', '{urn:hl7-ru:identity}Patronymic'],
    });
    expect(contextChains('/ClinicalDocument/title', ns)).toEqual({ absolute: ['{}ClinicalDocument/{}title'], anywhere: [] });
  });

  it('gives up (always evaluate) on shapes it does not understand', () => {
    expect(contextChains('//*[identity:DocInfo]', ns)).toBeNull();
    expect(contextChains('ClinicalDocument//section', ns)).toBeNull();
    expect(contextChains('unknown:thing', ns)).toBeNull();
    expect(contextChains('@code', ns)).toBeNull();
  });

  it('matches only chains that occur in the document', () => {
    const root = new DOMParser().parseFromString('<ClinicalDocument><recordTarget><patientRole><id/></patientRole></recordTarget></ClinicalDocument>', 'text/xml').documentElement;
    const doc = documentChains(root as never);
    expect(mayMatch(contextChains("ClinicalDocument/recordTarget/patientRole/id[2]", ns), doc)).toBe(true);
    expect(mayMatch(contextChains('//patientRole/id', ns), doc)).toBe(true);
    expect(mayMatch(contextChains('/recordTarget', ns), doc)).toBe(false);
    expect(mayMatch(contextChains("ClinicalDocument/component/structuredBody", ns), doc)).toBe(false);
    expect(mayMatch(null, doc)).toBe(true);
  });
});
