import { describe, expect, it } from 'vitest';
import { fieldLabel } from '../../../../shared/validate/field-labels.ts';

describe('field labels', () => {
  it.each([
    ['patient.snils', 'СНИЛС пациента'],
    ['practitioner.lastName', 'Фамилия врача'],
    ['encounter.diagnoses.0.code', 'Код диагноза №1'],
    ['encounter.diagnoses.11.role', 'Роль диагноза №12'],
    ['encounter.diagnoses.2.other', 'Диагноз №3'],
    ['careFacts.paymentSource', 'Источник оплаты (настройки клиники)'],
    ['patient.unknownField', 'patient.unknownField'],
  ])('%s → %s', (path, label) => {
    expect(fieldLabel(path)).toBe(label);
  });
});
