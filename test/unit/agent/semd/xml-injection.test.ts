// Hostile text in every free-text field: the SEMD stays well-formed, passes the
// XSD and the text comes back through the preview escaped, never as markup.
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it, vi } from 'vitest';
import { buildAmbulatoryEpicrisis42 } from '../../../../agent/semd/ambulatory-epicrisis-42.ts';
import { buildConsultation119 } from '../../../../agent/semd/consultation-119.ts';
import { renderPreview } from '../../../../agent/semd/preview.ts';
import { checkSemd } from '../../../../agent/semd/semd-check.ts';
import { checkXsd } from '../../../../agent/semd/xsd-check.ts';
import { demoConsultation, fixedIdentity, maximalAmbulatoryCase } from '../../../fixtures/semd/demo-record.ts';

// The official rule sets are large: the first run in a busy worker compiles them.
vi.setConfig({ testTimeout: 60_000 });

const hostile = `</title><script>alert("x")</script> & 'q' "dq" ]]> <!-- --> &nbsp; &lt;b&gt; &#65; \u0001\u0008\u000B\uFFFE\uD800 конец 𝄞😀`;

function parseStrict(xml: string) {
  return new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(message);
    },
  }).parseFromString(xml, 'text/xml');
}

describe('SEMD 119 with hostile text', () => {
  const record = demoConsultation();
  record.patient.lastName = `Петров${hostile}`;
  record.practitioner.middleName = hostile;
  record.organization.name = `ГБУЗ ${hostile}`;
  record.encounter.conclusion = `Заключение ${hostile}`;
  record.encounter.complaints = hostile;
  record.patient.localId = `p"><x y='1'/>&amp;`;
  record.encounter.caseId = `c" onload="x`;
  const xml = buildConsultation119(record, fixedIdentity);

  it('is well-formed and has no injected elements', () => {
    const doc = parseStrict(xml);
    expect(doc.getElementsByTagName('script').length).toBe(0);
    expect(doc.getElementsByTagName('x').length).toBe(0);
    const ids = [...doc.getElementsByTagName('id')].map((e) => e.getAttribute('extension'));
    expect(ids).toContain(`p"><x y='1'/>&amp;`);
    expect(ids).toContain('c" onload="x');
    expect(xml).not.toMatch(/[\u0001\u0008\u000B\uFFFE]/);
    expect(xml).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('passes the XSD', async () => {
    expect(await checkXsd(xml, '119')).toEqual({ ok: true, errors: [] });
  });

  it('round-trips the text into the preview, escaped', () => {
    const { html } = renderPreview(xml);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;/title&#62;&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    expect(html).toContain('Заключение &#60;/title&#62;');
    expect(html).toContain('&#39;q&#39;');
    expect(html).toContain(']]&#62;');
    expect(html).toContain('&#38;nbsp; &#38;lt;b&#38;gt; &#38;#65;');
    expect(html).toContain('конец 𝄞😀');
    expect(html).not.toMatch(/[\u0001\u0008]/);
  });

  it('carries a 100 KB conclusion intact', async () => {
    const big = demoConsultation();
    const line = 'Строка заключения с символами < > & " \' — 0123456789.\n';
    big.encounter.conclusion = line.repeat(Math.ceil(100_000 / line.length));
    const bigXml = buildConsultation119(big, fixedIdentity);
    expect((await checkXsd(bigXml, '119')).ok).toBe(true);
    const { html } = renderPreview(bigXml);
    const paragraphs = html.split('Строка заключения с символами &#60; &#62; &#38; &#34; &#39; — 0123456789.').length - 1;
    expect(paragraphs).toBe(Math.ceil(100_000 / line.length));
  });
});

describe('SEMD 42 with hostile text', () => {
  const record = maximalAmbulatoryCase();
  const closed = record.ambulatoryCase!;
  const [first, second] = closed.visits;
  record.patient.middleName = hostile;
  record.encounter.conclusion = `Итог ${hostile}`;
  record.encounter.diagnoses[0]!.text = `Диагноз ${hostile}`;
  record.encounter.caseId = `c" onload="x`;
  first!.complaints = `Жалобы ${hostile}`;
  first!.examination = hostile;
  second!.recommendations = `Рекомендации ${hostile}`;
  first!.services[0] = { ...first!.services[0]!, displayName: `Услуга ${hostile}` };
  closed.nonDrugTreatment = `Лечение ${hostile}`;
  const xml = buildAmbulatoryEpicrisis42(record, fixedIdentity);

  it('is well-formed, has no injected elements and passes the XSD and the Schematron', async () => {
    const doc = parseStrict(xml);
    expect(doc.getElementsByTagName('script').length).toBe(0);
    expect([...doc.getElementsByTagName('id')].map((e) => e.getAttribute('extension'))).toContain('c" onload="x');
    expect(xml).not.toMatch(/[\u0001\u0008\u000B\uFFFE]/);
    expect(await checkSemd(xml, '42')).toMatchObject({ ok: true, xsd: [], schematron: [] });
  });

  it('round-trips every text into the preview, escaped', () => {
    const { html } = renderPreview(xml);
    expect(html).not.toContain('<script>');
    for (const prefix of ['Итог ', 'Диагноз ', 'Жалобы: Жалобы ', 'Рекомендовано: Рекомендации ', 'Услуги: Услуга ', 'Лечение ']) {
      expect(html).toContain(`${prefix}&#60;/title&#62;&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;`);
    }
    expect(html).toContain('Петров Иван &#60;/title&#62;');
  });
});
