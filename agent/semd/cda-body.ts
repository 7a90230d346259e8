/**
 * The structured body: sections coded from NSI 99.2.197 with a title, a
 * narrative text and entries whose observation codes come from NSI 99.2.166
 * (119.sch У2/У3 rules: section code/title/text required, entry/observation
 * classCode OBS moodCode EVN with one code and one value).
 */
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { CodedValue } from './coded-value.ts';
import { codedElement, text as textElement } from './cda-parts.ts';
import { xmlText } from '../xml/xml-text.ts';

export interface Section {
  section: XMLBuilder;
  /** The narrative block to fill. */
  text: XMLBuilder;
}

/** component/structuredBody of the document. */
export function structuredBody(root: XMLBuilder): XMLBuilder {
  return root.ele('component').ele('structuredBody');
}

/** A component/section under a structuredBody or another section. */
export function section(parent: XMLBuilder, code: CodedValue, title: string): Section {
  const el = parent.ele('component').ele('section');
  codedElement(el, 'code', code);
  textElement(el, 'title', title);
  return { section: el, text: el.ele('text') };
}

function observation(sectionEl: XMLBuilder, field: CodedValue): XMLBuilder {
  const obs = sectionEl.ele('entry').ele('observation', { classCode: 'OBS', moodCode: 'EVN' });
  codedElement(obs, 'code', field);
  return obs;
}

/** entry/observation with a coded value (xsi:type CD). */
export function codedObservation(sectionEl: XMLBuilder, field: CodedValue, value: CodedValue): XMLBuilder {
  const obs = observation(sectionEl, field);
  codedElement(obs, 'value', value, { 'xsi:type': 'CD' });
  return obs;
}

/** entry/observation with a text value (xsi:type ST), or nullFlavor NI when there is none. */
export function textObservation(sectionEl: XMLBuilder, field: CodedValue, value: string | undefined): XMLBuilder {
  const obs = observation(sectionEl, field);
  const clean = value === undefined ? '' : xmlText(value).trim();
  if (clean === '') obs.ele('value', { 'xsi:type': 'ST', nullFlavor: 'NI' });
  else obs.ele('value', { 'xsi:type': 'ST' }).txt(clean);
  return obs;
}
