// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { profileErrors } from '../../../../extension/scrape/check-profile.ts';
import { detectFields } from '../../../../extension/scrape/detect-fields.ts';
import { isStableId, selectorFor } from '../../../../extension/scrape/element-selector.ts';
import { mappableFields, withPickedField } from '../../../../extension/scrape/profile-editor.ts';
import { builtinProfiles } from '../../../../extension/scrape/builtin-profiles.ts';
import { scrapeRecord } from '../../../../extension/scrape/scrape-record.ts';

describe('selectorFor', () => {
  it('never uses generated ids and finds the same element again', () => {
    document.body.innerHTML = `<div id="ext-gen1234"><p><span>a</span><span class="x">b</span></p></div><input name="q"><input id="f_snils">`;
    expect(isStableId('ext-gen1234')).toBe(false);
    expect(isStableId('f_snils')).toBe(true);
    expect(selectorFor(document.querySelector('#f_snils')!)).toBe('#f_snils');
    expect(selectorFor(document.querySelector('input[name=q]')!)).toBe('input[name="q"]');
    const span = document.querySelector('.x')!;
    const selector = selectorFor(span);
    expect(selector).not.toContain('ext-gen');
    expect(document.querySelector(selector)).toBe(span);
  });
});

describe('withPickedField (the field mapper)', () => {
  it('turns a detected profile into a user profile for this page with the picked element', () => {
    document.body.innerHTML = `<div>Врач: <span class="who-name">Иванова Мария Петровна</span> <b class="who">112-233-445 95</b></div>
      <p>СНИЛС <input value="15642781886"></p><p>Фамилия <input value="Петров"></p>`;
    const detected = detectFields([document], new URL(location.href)).profile;
    let profile = withPickedField(detected, 'practitioner.snils', document.querySelector('b.who')!);
    profile = withPickedField(profile, 'practitioner.fio', document.querySelector('.who-name')!);
    expect(profile).toMatchObject({ origin: 'user', match: { host: location.hostname, path: location.pathname } });
    expect(profile.id).toMatch(/^user:/);
    expect(profileErrors(profile)).toEqual([]);
    const { record } = scrapeRecord(document, profile);
    expect(record.practitioner).toEqual({ snils: '11223344595', lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна' });
  });

  it('takes a click on a label as a click on its control', () => {
    document.body.innerHTML = `<label for="enp">Номер полиса</label><input id="enp" value="1234567890123456"><p>СНИЛС <input></p>`;
    const detected = detectFields([document], new URL(location.href)).profile;
    const picked = withPickedField(detected, 'patient.enp', document.querySelector('label')!);
    expect(picked.fields.find((rule) => rule.paths.includes('patient.enp'))).toMatchObject({ read: 'value', find: [{ label: 'Номер полиса' }, { selector: '#enp' }] });
  });

  it('replaces the rule a path had, and prefers the label that leads back to the control', () => {
    document.body.innerHTML = `<label for="a">СНИЛС</label><input id="a" value="1"><label for="b">Страховой номер</label><input id="b" value="15642781886">`;
    const detected = detectFields([document], new URL(location.href)).profile;
    const picked = withPickedField(detected, 'patient.snils', document.querySelector('#b')!);
    const rules = picked.fields.filter((rule) => rule.paths.includes('patient.snils'));
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ find: [{ label: 'Страховой номер' }, { selector: '#b' }], format: { kind: 'snils' } });
  });

  it('on a form of another kind offers its own fields, and reads a case date the way the form writes it', () => {
    expect(mappableFields(undefined).map((f) => f.key)).not.toContain('encounter.openDate');
    expect(mappableFields('42').map((f) => f.key)).toEqual(expect.arrayContaining(['patient.snils', 'encounter.openDate', 'ambulatoryCase.visits.0.date']));
    expect(mappableFields('185').map((f) => f.key)).toContain('referral.comment');
    document.body.innerHTML = `<p><label for="o">Открыт</label> <input id="o" placeholder="дд.мм.гггг" value="19.11.2026"></p>`;
    const caseForm = { ...builtinProfiles.find((p) => p.kind === '42')!, origin: 'user' as const };
    const picked = withPickedField(caseForm, 'encounter.openDate', document.querySelector('#o')!);
    expect(picked.fields.find((rule) => rule.paths[0] === 'encounter.openDate')).toMatchObject({ format: { kind: 'date', pattern: 'dd.mm.yyyy' } });
    expect(profileErrors(picked)).toEqual([]);
    expect(scrapeRecord(document, picked).record.encounter?.openDate).toBe('2026-11-19');
  });
});
