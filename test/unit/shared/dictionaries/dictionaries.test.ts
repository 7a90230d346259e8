import { describe, expect, it } from 'vitest';
import { findMkb10, findMkb10ByName, mkb10Children, mkb10Entries, mkb10Ref } from '../../../../shared/dictionaries/mkb10.ts';
import { findPosition, findPositionByName, positionsRef } from '../../../../shared/dictionaries/positions.ts';
import { findSpecialty, findSpecialtyByName, specialtiesRef } from '../../../../shared/dictionaries/specialties.ts';
import { findGender, findGenderByName, genderEntry, gendersRef, recordGender } from '../../../../shared/dictionaries/genders.ts';
import { documentKindsRef, findDocumentKind, findDocumentKindByName, isDocumentKindValidOn, requiresPatientSnils } from '../../../../shared/dictionaries/document-kinds.ts';
import { documentTypesRef, findDocumentType } from '../../../../shared/dictionaries/document-types.ts';
import { confidentialityRef, findConfidentiality, findConfidentialityByName } from '../../../../shared/dictionaries/confidentiality.ts';
import { nameKey } from '../../../../shared/dictionaries/dictionary.ts';

describe('dictionary refs', () => {
  it.each([
    [mkb10Ref, '1.2.643.5.1.13.13.11.1005', '2.24', 'МКБ-10'],
    [gendersRef, '1.2.643.5.1.13.13.11.1040', '2.1', 'Пол пациента'],
    [positionsRef, '1.2.643.5.1.13.13.11.1002', '9.6', 'Должности медицинских и фармацевтических работников'],
    [specialtiesRef, '1.2.643.5.1.13.13.11.1066', '5.4', 'Номенклатура специальностей специалистов, имеющих медицинское и фармацевтическое образование'],
    [documentKindsRef, '1.2.643.5.1.13.13.11.1520', '12.14', 'ЭМД'],
    [documentTypesRef, '1.2.643.5.1.13.13.11.1522', '7.24', 'Виды медицинской документации'],
    [confidentialityRef, '1.2.643.5.1.13.13.99.2.285', '1.2', 'Уровень конфиденциальности медицинского документа'],
  ])('%o', (ref, oid, version, name) => {
    expect(ref).toEqual({ oid, version, name });
  });
});

describe('МКБ-10', () => {
  it('holds every row of the dump', () => {
    expect(mkb10Entries()).toHaveLength(15038);
  });

  it.each([
    ['J06.9', { parent: 'J06', chapter: 'X', leaf: true, actual: true }],
    ['j06.9', { parent: 'J06', chapter: 'X', leaf: true, actual: true }],
    ['J06', { parent: 'J00-J06', chapter: 'X', leaf: false, actual: true }],
    ['I10', { parent: 'I10-I15', chapter: 'IX', leaf: true, actual: true }],
    ['O80.0', { parent: 'O80', chapter: 'XV', leaf: true, actual: true }],
    ['S26.91', { parent: 'S26.9', chapter: 'XIX', leaf: true, actual: true }],
    ['U09.0', { chapter: 'XXII', actual: false }],
  ])('%s', (code, expected) => {
    expect(findMkb10(code)).toMatchObject({ code: code.toUpperCase(), ...expected });
  });

  it('knows the name and finds by it', () => {
    expect(findMkb10('J06.9')?.name).toBe('Острая инфекция верхних дыхательных путей неуточненная');
    expect(findMkb10ByName('острая инфекция верхних дыхательных путей неуточнённая')?.code).toBe('J06.9');
  });

  it('marks dual coding: † for the cause, * for the manifestation', () => {
    expect(findMkb10('G63.2')?.dualCoding).toBe('*');
    expect(findMkb10('M05.1')?.dualCoding).toBe('†');
    expect(findMkb10('J06.9')?.dualCoding).toBe('');
  });

  it('lists children in order and misses unknown codes', () => {
    expect(mkb10Children('J06').map((e) => e.code)).toEqual(['J06.0', 'J06.8', 'J06.9']);
    expect(findMkb10('J06.7')).toBeUndefined();
  });
});

describe('positions, specialties, genders', () => {
  it('finds the demo doctor by code and by the text an MIS shows', () => {
    expect(findPosition('109')).toMatchObject({ name: 'Врач-терапевт', actual: true, group: false });
    expect(findPositionByName(' врач – терапевт ')?.code).toBe('109');
    expect(findPositionByName('Медицинский брат участковый врачей-педиатров участковых')?.code).toBe('574');
    expect(findSpecialty('27')?.name).toBe('Терапия');
    expect(findSpecialtyByName('терапия')?.code).toBe('27');
  });

  it('marks abolished entries', () => {
    expect(findPosition('234')).toMatchObject({ actual: false, endDate: '2014-08-01' });
    expect(findSpecialty('150')).toMatchObject({ actual: false, endDate: '2015-10-07' });
  });

  it.each([
    ['1', 'male'],
    ['2', 'female'],
    ['Мужской', 'male'],
    ['жен.', 'female'],
    ['М', 'male'],
    ['3', undefined],
    ['x', undefined],
  ])('recordGender(%s) = %s', (text, gender) => {
    expect(recordGender(text)).toBe(gender);
  });

  it('maps the record gender to NSI 1040', () => {
    expect(genderEntry('female')).toEqual({ code: '2', name: 'Женский' });
    expect(findGender('1')?.name).toBe('Мужской');
    expect(findGenderByName('Неопределенный')?.code).toBe('3');
  });
});

describe('document kinds, types, confidentiality', () => {
  it('reads kind 119 with its dates and type', () => {
    const kind = findDocumentKind('119');
    expect(kind).toMatchObject({ name: 'Протокол консультации (CDA) Редакция 4', type: '5', startDate: '2022-01-01' });
    expect(kind && requiresPatientSnils(kind)).toBe(true);
    expect(findDocumentKindByName('протокол консультации (CDA) редакция 4')?.code).toBe('119');
  });

  it.each([
    ['119', '2021-12-31', false],
    ['119', '2022-01-01', true],
    ['8', '2023-12-31', true],
    ['8', '2024-01-01', false],
  ])('kind %s valid on %s: %s', (code, day, valid) => {
    const kind = findDocumentKind(code);
    expect(kind && isDocumentKindValidOn(kind, day)).toBe(valid);
  });

  it('reads types and confidentiality levels', () => {
    expect(findDocumentType('5')).toMatchObject({ name: 'Протокол консультации', oid: '1.2.643.5.1.13.2.7.5.1.5' });
    expect(findConfidentiality('n')).toEqual({ code: 'N', name: 'Обычный', id: '1' });
    expect(findConfidentialityByName('ограниченный')?.code).toBe('R');
  });

  it('matches display texts loosely', () => {
    expect(nameKey('  «Врач—Терапевт». ')).toBe(nameKey('врач терапевт'));
    expect(nameKey('Ёж')).toBe('еж');
  });
});
