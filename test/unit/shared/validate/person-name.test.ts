import { describe, expect, it } from 'vitest';
import type { Issue } from '../../../../shared/validate/issue.ts';
import { capitalise, checkPersonName } from '../../../../shared/validate/person-name.ts';
import { sexByPatronymic, sexBySurname } from '../../../../shared/validate/sex-by-name.ts';

const check = (text: string) => {
  const issues: Issue[] = [];
  checkPersonName(text, 'patient.lastName', issues, 'PATIENT_MPI_MISMATCH');
  return issues;
};

describe('person names', () => {
  it.each([
    'Петров',
    'Петров-Водкин',
    'Салтыков-Щедрин',
    'Ёлкина',
    'Елкина',
    'Д’Артаньян',
    "О'Коннор",
    'Мамед оглы',
    'Ан',
  ])('accepts %s', (name) => {
    expect(check(name)).toEqual([]);
  });

  it.each<[string, string, string | undefined]>([
    ['Пeтров', 'VALIDATION_NAME_LATIN_LOOKALIKE', 'Должно быть: Петров'], // Latin e
    ['ИBAHOB', 'VALIDATION_NAME_LATIN_LOOKALIKE', 'Должно быть: Иванов'],
    ['Smith', 'VALIDATION_NAME_LATIN', undefined],
    ['Петров2', 'VALIDATION_NAME_CHARACTERS', undefined],
    ['Петров.', 'VALIDATION_NAME_CHARACTERS', undefined],
    ['Петров -Водкин', 'VALIDATION_NAME_HYPHEN', undefined],
    ['Петров--Водкин', 'VALIDATION_NAME_HYPHEN', undefined],
    ['-Петров', 'VALIDATION_NAME_HYPHEN', undefined],
    [' Петров', 'VALIDATION_NAME_SPACES', 'Должно быть: Петров'],
    ['Мамед  оглы', 'VALIDATION_NAME_SPACES', 'Должно быть: Мамед оглы'],
    ['ПЕТРОВ', 'VALIDATION_NAME_CASE', 'Должно быть: Петров'],
    ['петров-водкин', 'VALIDATION_NAME_CASE', 'Должно быть: Петров-Водкин'],
  ])('%s → %s', (name, code, hint) => {
    const issues = check(name);
    expect(issues.map((i) => i.code)).toContain(code);
    const issue = issues.find((i) => i.code === code);
    expect(issue?.remdCode).toBe('PATIENT_MPI_MISMATCH');
    if (hint) expect(issue?.hint).toBe(hint);
    expect(issue?.message).toContain('Фамилия пациента');
  });

  it('names the Latin letters it found', () => {
    expect(check('Cидopoв')[0]?.message).toContain('C, o, p');
  });

  it.each([
    ['иВАНОВ', 'Иванов'],
    ['мамед ОГЛЫ', 'Мамед оглы'],
    ["о'КОННОР", "О'Коннор"],
    ['анна-мария', 'Анна-Мария'],
  ])('capitalise(%s) = %s', (raw, fixed) => {
    expect(capitalise(raw)).toBe(fixed);
  });
});

describe('sex by name endings', () => {
  it.each([
    ['Сергеевич', 'male'],
    ['Ильич', 'male'],
    ['Сергеевна', 'female'],
    ['Ильинична', 'female'],
    ['Мамед оглы', 'male'],
    ['Али кызы', 'female'],
    ['Джон', undefined],
  ])('patronymic %s → %s', (text, sex) => {
    expect(sexByPatronymic(text)).toBe(sex);
  });

  it.each([
    ['Петров', 'male'],
    ['Петрова', 'female'],
    ['Достоевский', 'male'],
    ['Достоевская', 'female'],
    ['Петрова-Водкина', 'female'],
    ['Ильин', 'male'],
    ['Ким', undefined],
    ['Шевченко', undefined],
    ['Дюма', undefined],
  ])('surname %s → %s', (text, sex) => {
    expect(sexBySurname(text)).toBe(sex);
  });
});
