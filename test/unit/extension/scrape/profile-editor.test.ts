// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { profileErrors } from '../../../../extension/scrape/check-profile.ts';
import { detectFields } from '../../../../extension/scrape/detect-fields.ts';
import { isStableId, selectorFor } from '../../../../extension/scrape/element-selector.ts';
import { documentKindChoices, mappableFields, withKind, withPickedField } from '../../../../extension/scrape/profile-editor.ts';
import { builtinProfiles } from '../../../../extension/scrape/builtin-profiles.ts';
import { scrapeRecord } from '../../../../extension/scrape/scrape-record.ts';
import { pageIssues } from '../../../../extension/overlay/field-state.ts';
import { validateRecord } from '../../../../shared/validate/validate-record.ts';

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
    expect(mappableFields('42').map((f) => f.key)).toEqual(expect.arrayContaining(['patient.snils', 'encounter.openDate', 'ambulatoryCase.visits.*.date']));
    expect(mappableFields('185').map((f) => f.key)).toContain('referral.comment');
    document.body.innerHTML = `<p><label for="o">Открыт</label> <input id="o" placeholder="дд.мм.гггг" value="19.11.2026"></p>`;
    const caseForm = { ...builtinProfiles.find((p) => p.kind === '42')!, origin: 'user' as const };
    const picked = withPickedField(caseForm, 'encounter.openDate', document.querySelector('#o')!);
    expect(picked.fields.find((rule) => rule.paths[0] === 'encounter.openDate')).toMatchObject({ format: { kind: 'date', pattern: 'dd.mm.yyyy' } });
    expect(profileErrors(picked)).toEqual([]);
    expect(scrapeRecord(document, picked).record.encounter?.openDate).toBe('2026-11-19');
  });
});

describe('the mapper on a table of visits', () => {
  const table = `<p><label for="o">Открыт</label> <input id="o" value="19.11.2026"></p>
    <table><thead><tr><th>№</th><th>Дата визита</th><th>Запись</th></tr></thead>
    <tbody id="rows"><tr><td>1</td><td><input value="19.11.2026"></td><td>Осмотр</td></tr>
    <tr><td>2</td><td><input value="24.11.2026"></td><td>Повторный осмотр</td></tr>
    <tr><td>3</td><td><input value="26.11.2026"></td><td>Здоров</td></tr></tbody></table>`;
  const caseForm = () => ({ ...builtinProfiles.find((p) => p.kind === '42')!, origin: 'user' as const, repeat: [] });

  it('a pick in one row reads that column in every row, by its header, replacing the single-row rules', () => {
    document.body.innerHTML = table;
    const second = document.querySelectorAll('#rows tr')[1]!;
    let profile = withPickedField(caseForm(), 'ambulatoryCase.visits.*.date', second.querySelector('input')!);
    profile = withPickedField(profile, 'ambulatoryCase.visits.*.conclusion', document.querySelectorAll('#rows tr')[2]!.children[2]!);
    expect(profile.repeat).toEqual([{
      rows: { selector: '#rows > tr' },
      fields: [
        { paths: ['ambulatoryCase.visits.*.date'], find: [{ column: 'Дата визита' }, { selector: 'td:nth-child(2) input' }], read: 'value', format: { kind: 'date', pattern: 'dd.mm.yyyy' } },
        { paths: ['ambulatoryCase.visits.*.conclusion'], find: [{ column: 'Запись' }, { selector: 'td:nth-child(3)' }], read: 'text', format: { kind: 'text' } },
      ],
    }]);
    expect(profile.fields.some((rule) => rule.paths.some((p) => p.startsWith('ambulatoryCase.visits.')))).toBe(false);
    expect(profileErrors(profile)).toEqual([]);
    const visits = scrapeRecord(document, profile).record.ambulatoryCase?.visits;
    expect(visits?.map((v) => [v?.date, v?.conclusion])).toEqual([['2026-11-19', 'Осмотр'], ['2026-11-24', 'Повторный осмотр'], ['2026-11-26', 'Здоров']]);
  });

  it('in an ExtJS style grid (each row a table of its own) the group takes every row of the grid', () => {
    const row = (date: string) =>
      `<table id="tableview-${date.slice(0, 2)}" class="x-grid-item"><tbody><tr class="x-grid-row" role="row"><td role="gridcell"><div class="x-grid-cell-inner">${date}</div></td></tr></tbody></table>`;
    document.body.innerHTML = `<div id="visitsGrid" role="grid"><div><div role="columnheader">Дата посещения</div></div>
      <div class="x-grid-item-container">${row('02.11.2026')}${row('09.11.2026')}</div></div>`;
    const picked = withPickedField(caseForm(), 'ambulatoryCase.visits.*.date', document.querySelectorAll('.x-grid-cell-inner')[1]!);
    expect(picked.repeat![0]).toMatchObject({ rows: { selector: '#visitsGrid [role=row]' }, fields: [{ find: [{ column: 'Дата посещения' }, expect.anything()], read: 'text' }] });
    expect(scrapeRecord(document, picked).record.ambulatoryCase?.visits?.map((v) => v?.date)).toEqual(['2026-11-02', '2026-11-09']);
  });

  it('picking the same field again moves it instead of reading it twice; outside a table it is the first visit', () => {
    document.body.innerHTML = table;
    const rows = document.querySelectorAll('#rows tr');
    let profile = withPickedField(caseForm(), 'ambulatoryCase.visits.*.date', rows[0]!.querySelector('input')!);
    profile = withPickedField(profile, 'ambulatoryCase.visits.*.date', rows[1]!.querySelector('input')!);
    expect(profile.repeat?.flatMap((g) => g.fields)).toHaveLength(1);
    const single = withPickedField(caseForm(), 'ambulatoryCase.visits.*.date', document.querySelector('#o')!);
    expect(single.fields.filter((rule) => rule.paths[0] === 'ambulatoryCase.visits.0.date')).toHaveLength(1);
    expect(profileErrors(single)).toEqual([]);
  });
});

describe('withKind (the kind of a detected form)', () => {
  it('names the kinds the agent builds in Russian, from NSI 1520', () => {
    expect(documentKindChoices()).toEqual(expect.arrayContaining([
      { code: '119', name: 'Протокол консультации' },
      { code: '42', name: 'Эпикриз по законченному случаю амбулаторный' },
      { code: '174', name: 'Протокол инструментального исследования' },
    ]));
    expect(documentKindChoices().map((c) => c.code)).toEqual(['119', '185', '174', '186', '148', '42']);
  });

  it('saves the chosen kind into the site’s user profile, with what that kind needs, and takes it back on another choice', () => {
    document.body.innerHTML = `<p>СНИЛС <input value="15642781886"></p><p>Фамилия <input value="Петров"></p>`;
    const detected = detectFields([document], new URL(location.href)).profile;
    expect(detected.constants['document.kind']).toBe('119');
    const asCase = withKind(detected, '42', location);
    expect(asCase).toMatchObject({ origin: 'user', kind: '42', id: expect.stringMatching(/^user:/), match: { host: location.hostname, path: location.pathname } });
    expect(asCase.constants['document.kind']).toBeUndefined();
    expect(asCase.constants['ambulatoryCase.diagnosisStage']).toMatchObject({ code: '3', displayName: 'Заключительный' });
    expect(asCase.agentCompleted).toContain('ambulatoryCase.visits.*.place');
    expect(profileErrors(asCase)).toEqual([]);
    const { record } = scrapeRecord(document, asCase);
    expect(record.document?.kind).toBe('42');
    // The clinic's settings are the agent's: the page does not ask for them.
    expect(pageIssues(validateRecord(record), asCase).map((i) => i.path)).not.toContain('ambulatoryCase.visitKind');

    const back = withKind(asCase, '119', location);
    const { 'document.kind': _kind, ...detectedConstants } = detected.constants;
    expect(back).toMatchObject({ kind: '119', id: asCase.id, agentCompleted: detected.agentCompleted });
    expect(back.constants).toEqual(detectedConstants);
  });
});
