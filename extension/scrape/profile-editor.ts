/**
 * Turns a click of the field mapper into a rule of the site's user profile.
 * The locator is the element's label when that label leads back to it
 * (survives re-rendering and changing ids), with a CSS selector behind it.
 */
import { CONCEPTS } from './detect-fields.ts';
import { selectorFor } from './element-selector.ts';
import { CONTROL_SELECTOR, controlLabels, labelsFor } from './field-label.ts';
import { DocumentLookup, isControl } from './locate-field.ts';
import type { FieldLocator, FieldRule, SiteProfile } from './site-profile.ts';

/** Record paths the mapper offers, in the order of the form. */
export const MAPPABLE_PATHS = [
  'patient.snils', 'patient.lastName', 'patient.firstName', 'patient.middleName', 'patient.birthDate', 'patient.gender',
  'patient.enp', 'encounter.visitDate', 'encounter.diagnoses.0.code', 'encounter.conclusion',
  'practitioner.snils', 'practitioner.lastName', 'practitioner.firstName', 'practitioner.middleName',
] as const;

/** A user profile for this site: the current one with `path` now read from `element`. */
export function withPickedField(profile: SiteProfile, path: string, picked: Element): SiteProfile {
  const element = picked.closest(CONTROL_SELECTOR) ?? picked;
  const kept = profile.fields.filter((rule) => !rule.paths.includes(path));
  const rule = ruleFor(path, element);
  const address = element.ownerDocument.location;
  const user = profile.origin === 'user';
  return {
    ...profile,
    id: user ? profile.id : `user:${address.hostname}${address.pathname}`,
    origin: 'user',
    // A built-in profile's address pattern is kept; a detected one is pinned to this page.
    match: profile.origin === 'detected' ? { host: address.hostname, path: address.pathname } : profile.match,
    fields: [...kept, rule],
  };
}

function ruleFor(path: string, element: Element): FieldRule {
  const concept = CONCEPTS.find((c) => c.paths.length === 1 && c.paths[0] === path);
  const control = isControl(element);
  return {
    paths: [path],
    find: locatorsFor(element),
    read: !control ? 'text' : concept ? concept.read(element) : 'value',
    format: concept ? concept.format(element) : { kind: 'text' },
  };
}

function locatorsFor(element: Element): FieldLocator[] {
  const lookup = new DocumentLookup(element.ownerDocument);
  const label = isControl(element) ? controlLabels(element, labelsFor(element.ownerDocument))[0] : undefined;
  const selector: FieldLocator = { selector: selectorFor(element) };
  return label && lookup.byLabel(label.text) === element ? [{ label: label.text }, selector] : [selector];
}
