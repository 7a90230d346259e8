import { describe, expect, it } from 'vitest';
import { fieldLabel } from '../../../../shared/validate/field-labels.ts';
import { validateRecord } from '../../../../shared/validate/validate-record.ts';

describe('field labels', () => {
  it.each([
    ['patient.snils', 'СНИЛС пациента'],
    ['practitioner.lastName', 'Фамилия врача'],
    ['encounter.diagnoses.0.code', 'Код диагноза №1'],
    ['encounter.diagnoses.11.role', 'Роль диагноза №12'],
    ['encounter.diagnoses.2.other', 'Диагноз №3'],
    ['careFacts.paymentSource', 'Источник оплаты (настройки клиники)'],
    ['patient.unknownField', 'patient.unknownField'],
    // The parts an MIS form maps for a referral (185) and a closed case (42).
    ['referral.organization.name', 'Куда направлен (организация)'],
    ['referral.service.displayName', 'Услуга, на которую направлен пациент: наименование'],
    ['ambulatoryCase.result.code', 'Результат обращения: код'],
    ['ambulatoryCase.visits.1.date', 'Дата посещения №2'],
    ['ambulatoryCase.visits.0.services.1', 'Услуга №2 посещения №1'],
    ['ambulatoryCase.visits.0.services.0.codeSystem', 'Услуга №1 посещения №1: OID справочника'],
    ['ambulatoryCase.visits.2.recommendations', 'Рекомендации (посещение №3)'],
    ['ambulatoryCase.drugs.0', 'Лекарственный препарат №1'],
    ['unknown.part.code', 'unknown.part.code'],
  ])('%s → %s', (path, label) => {
    expect(fieldLabel(path)).toBe(label);
  });

  it('a missing coded value is named in Russian, not by its path', () => {
    const issues = validateRecord({ document: { kind: '42' }, encounter: { openDate: '2026-11-20', closeDate: '2026-11-26' }, ambulatoryCase: { visits: [{ date: '2026-11-20' } as never] } });
    const place = issues.find((issue) => issue.path === 'ambulatoryCase.visits.0.place');
    expect(place?.message).toBe('Заполните поле «Место посещения №1»');
  });
});
