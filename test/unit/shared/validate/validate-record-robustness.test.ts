import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DraftRecord } from '../../../../shared/domain/record.ts';
import { validateField, validateRecord } from '../../../../shared/validate/validate-record.ts';
import { RULES } from '../../../../shared/validate/rule-catalogue.ts';
import { NOW, sampleRecord } from './sample-record.ts';

// Whatever a page scrapes, validation answers with catalogue issues and never throws.
const fieldValue = fc.oneof(fc.string(), fc.constant(''), fc.integer(), fc.constant(null), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }));
const section = fc.dictionary(fc.constantFrom('snils', 'lastName', 'firstName', 'middleName', 'birthDate', 'gender', 'enp', 'oid', 'inn', 'ogrn', 'visitDate', 'openDate', 'closeDate', 'conclusion', 'kind', 'createdAt', 'positionCode', 'identityDocument', 'diagnoses'), fieldValue);
const scraped = fc.record({ patient: section, practitioner: section, organization: section, encounter: section, document: section }, { requiredKeys: [] });

describe('validateRecord on anything', () => {
  it('never throws and only reports catalogue codes on known paths', () => {
    fc.assert(
      fc.property(scraped, (record) => {
        const issues = validateRecord(record as DraftRecord, { now: NOW });
        return issues.every((i) => i.code in RULES && /^(patient|practitioner|organization|encounter|document)(\.|$)/.test(i.path));
      }),
    );
  });

  it('validateField agrees with validateRecord on every path it reports', () => {
    fc.assert(
      fc.property(scraped, (record) => {
        const all = validateRecord(record as DraftRecord, { now: NOW });
        for (const issue of all) {
          expect(validateField(issue.path, record as DraftRecord, { now: NOW })).toEqual(all.filter((i) => i.path === issue.path));
        }
      }),
      { numRuns: 50 },
    );
  });

  it('a random edit of one field of a sound record never shows up in an unrelated section', () => {
    const paths = ['patient.snils', 'patient.birthDate', 'encounter.visitDate', 'document.kind', 'organization.inn'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.string({ maxLength: 14 }), (path, value) => {
        const record = sampleRecord() as unknown as Record<string, Record<string, unknown>>;
        const [sectionName = '', field = ''] = path.split('.');
        record[sectionName]![field] = value;
        const issues = validateRecord(record as DraftRecord, { now: NOW });
        // Cross-field rules may speak on neighbours (kind → SNILS need, dates → each other), never elsewhere.
        return issues.every((i) => i.path === path || i.path.startsWith(sectionName) || /Date|createdAt|snils|diagnoses/.test(i.path));
      }),
    );
  });
});
