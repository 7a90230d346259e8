/**
 * The sex a Russian patronymic or surname ending implies, if it implies one.
 * Used only to warn: foreign and indeclinable names exist, and a patronymic is
 * the strongest hint we have (…вич/…ична, оглы/кызы).
 */
import type { Gender } from '../domain/record.ts';

const PATRONYMIC_ENDINGS: readonly [RegExp, Gender][] = [
  [/ич$/, 'male'],
  [/(вна|чна)$/, 'female'],
];

// Surnames of the Russian declension only: -ов/-ова, -ин/-ина, -ский/-ская…
const SURNAME_ENDINGS: readonly [RegExp, Gender][] = [
  [/(ов|ев|ёв|ин|ын|ский|цкий|ской|цкой)$/, 'male'],
  [/(ова|ева|ёва|ина|ына|ская|цкая)$/, 'female'],
];

function sexByEndings(text: string, table: readonly [RegExp, Gender][]): Gender | undefined {
  const last = text.trim().toLowerCase().split(/[\s-]+/).at(-1) ?? '';
  if (last.length < 4) return undefined;
  return table.find(([ending]) => ending.test(last))?.[1];
}

/** Turkic patronymics end in a separate word: «Мамед оглы», «Алиевна» vs «Али кызы». */
const PATRONYMIC_PARTICLES: Readonly<Record<string, Gender>> = { оглы: 'male', улы: 'male', уулу: 'male', кызы: 'female', гызы: 'female' };

export function sexByPatronymic(patronymic: string): Gender | undefined {
  const last = patronymic.trim().toLowerCase().split(/\s+/).at(-1) ?? '';
  return PATRONYMIC_PARTICLES[last] ?? sexByEndings(last, PATRONYMIC_ENDINGS);
}

export function sexBySurname(surname: string): Gender | undefined {
  return sexByEndings(surname, SURNAME_ENDINGS);
}
