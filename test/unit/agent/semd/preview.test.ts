import { describe, expect, it } from 'vitest';
import { buildConsultation119 } from '../../../../agent/semd/consultation-119.ts';
import { renderPreview } from '../../../../agent/semd/preview.ts';
import { demoConsultation, fixedIdentity, maximalCareFacts, maximalConsultation } from '../../../fixtures/semd/demo-record.ts';

const xml = buildConsultation119(demoConsultation(), fixedIdentity);

describe('renderPreview', () => {
  it('shows the patient, doctor, organization and dates in Russian', () => {
    const { title, html } = renderPreview(xml);
    expect(title).toBe('Протокол консультации');
    expect(html).toContain('<th>Пациент</th><td>Петров Иван Сергеевич</td>');
    expect(html).toContain('<th>СНИЛС</th><td>156-427-818 86</td>');
    expect(html).toContain('<th>Дата рождения</th><td>14.05.1980</td>');
    expect(html).toContain('<th>Пол</th><td>Мужской</td>');
    expect(html).toContain('<th>Врач</th><td>Иванова Мария Петровна</td>');
    expect(html).toContain('<th>Должность</th><td>Врач-терапевт</td>');
    expect(html).toContain('ГБУЗ «Городская поликлиника № 1»');
    expect(html).toContain('26.11.2026 10:15');
  });

  it('shows the identity document and the OMS policy when the document has them', () => {
    const { html } = renderPreview(buildConsultation119(maximalConsultation(), fixedIdentity, maximalCareFacts));
    expect(html).toContain('<th>Документ, удостоверяющий личность</th><td>Паспорт гражданина Российской Федерации 4510 № 123456</td>');
    expect(html).toContain('<th>Полис ОМС</th><td>7700000000000016</td>');
    expect(renderPreview(xml).html).not.toContain('Полис ОМС');
  });

  it('renders each section narrative, diagnosis and conclusion', () => {
    const { html } = renderPreview(xml);
    expect(html).toContain('<td>J06.9</td><td>Острая инфекция верхних дыхательных путей неуточненная</td>');
    expect(html).toContain('Острая респираторная вирусная инфекция. Рекомендовано');
    expect(html).toContain('<h3>Анамнез заболевания</h3>');
  });

  it('reads the XML, not the record: an edit to the bytes shows up', () => {
    const edited = xml.replace('<family>Петров</family>', '<family>Сидоров</family>');
    expect(renderPreview(edited).html).toContain('Сидоров Иван Сергеевич');
  });

  it('never emits script or event-handler markup', () => {
    const evil = xml.replace('<family>Петров</family>', '<family>&lt;img src=x onerror=alert(1)&gt;</family>');
    const { html } = renderPreview(evil);
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });

  it('refuses malformed XML and other roots with DOCUMENT_XML_MALFORMED', () => {
    expect(() => renderPreview('<ClinicalDocument xmlns="urn:hl7-org:v3"><title>')).toThrow(
      expect.objectContaining({ code: 'DOCUMENT_XML_MALFORMED' }),
    );
    expect(() => renderPreview('<html/>')).toThrow(expect.objectContaining({ code: 'DOCUMENT_XML_MALFORMED' }));
  });
});
