/**
 * Checks profiles against profile-schema.json. A small interpreter of the
 * JSON Schema keywords that schema uses (type, enum, const, required,
 * properties, additionalProperties, items, min/maxItems, minLength, pattern,
 * minimum/maximum, oneOf, $ref to #/$defs), so imported files are checked
 * by the very schema we publish, without a validator library in the bundle.
 */
import schema from './profile-schema.json' with { type: 'json' };
import { rowPathPattern, type SiteProfile } from './site-profile.ts';

type Schema = Record<string, unknown>;

/** Messages about what is wrong, each with its JSON path; empty when the profile is valid. */
export function profileErrors(value: unknown): string[] {
  const errors: string[] = [];
  check(value, schema as Schema, '$', errors);
  if (errors.length === 0) errors.push(...kindConflicts(value as SiteProfile), ...rowConflicts(value as SiteProfile));
  return errors;
}

/** A path read in every row must not also be read by a single rule: which one won would depend on their order. */
function rowConflicts(profile: SiteProfile): string[] {
  const errors: string[] = [];
  (profile.repeat ?? []).forEach((group, g) =>
    group.fields.forEach((rule, r) => {
      for (const path of rule.paths) {
        const row = rowPathPattern(path);
        const single = profile.fields.findIndex((field) => field.paths.some((p) => row.test(p)));
        if (single >= 0) errors.push(`$.repeat[${g}].fields[${r}]: путь ${path} уже читает правило $.fields[${single}]`);
      }
    }),
  );
  return errors;
}

/** A form produces one kind: `kind` and a `document.kind` constant must not disagree. */
function kindConflicts(profile: SiteProfile): string[] {
  const constant = profile.constants['document.kind'];
  return profile.kind !== undefined && constant !== undefined && constant !== profile.kind
    ? [`$.kind: вид документа ${profile.kind} не совпадает с постоянным значением document.kind = ${JSON.stringify(constant)}`]
    : [];
}

export function isSiteProfile(value: unknown): value is SiteProfile {
  return profileErrors(value).length === 0;
}

function check(value: unknown, node: Schema, at: string, errors: string[]): void {
  if (typeof node.$ref === 'string') return check(value, resolve(node.$ref), at, errors);
  if (node.oneOf) return checkOneOf(value, node.oneOf as Schema[], at, errors);
  if ('const' in node && value !== node.const) errors.push(`${at}: должно быть ${JSON.stringify(node.const)}`);
  if (Array.isArray(node.enum) && !node.enum.includes(value)) errors.push(`${at}: одно из ${node.enum.join(', ')}`);
  if (typeof node.type === 'string' && !hasType(value, node.type)) return void errors.push(`${at}: ожидается ${node.type}`);
  if (typeof value === 'string') checkString(value, node, at, errors);
  if (typeof value === 'number') checkNumber(value, node, at, errors);
  if (Array.isArray(value)) checkArray(value, node, at, errors);
  else if (typeof value === 'object' && value !== null) checkObject(value as Record<string, unknown>, node, at, errors);
}

function checkOneOf(value: unknown, options: Schema[], at: string, errors: string[]): void {
  const fits = options.filter((option) => {
    const own: string[] = [];
    check(value, option, at, own);
    return own.length === 0;
  });
  if (fits.length !== 1) errors.push(`${at}: не подходит ни под один вариант схемы`);
}

function checkString(value: string, node: Schema, at: string, errors: string[]): void {
  if (typeof node.minLength === 'number' && value.length < node.minLength) errors.push(`${at}: пустая строка`);
  if (typeof node.pattern === 'string' && !new RegExp(node.pattern).test(value)) errors.push(`${at}: «${value}» не по образцу`);
}

function checkNumber(value: number, node: Schema, at: string, errors: string[]): void {
  if (typeof node.minimum === 'number' && value < node.minimum) errors.push(`${at}: меньше ${node.minimum}`);
  if (typeof node.maximum === 'number' && value > node.maximum) errors.push(`${at}: больше ${node.maximum}`);
}

function checkArray(value: unknown[], node: Schema, at: string, errors: string[]): void {
  if (typeof node.minItems === 'number' && value.length < node.minItems) errors.push(`${at}: элементов меньше ${node.minItems}`);
  if (typeof node.maxItems === 'number' && value.length > node.maxItems) errors.push(`${at}: элементов больше ${node.maxItems}`);
  if (node.items) value.forEach((item, i) => check(item, node.items as Schema, `${at}[${i}]`, errors));
}

function checkObject(value: Record<string, unknown>, node: Schema, at: string, errors: string[]): void {
  for (const key of (node.required as string[] | undefined) ?? []) if (!(key in value)) errors.push(`${at}: нет поля «${key}»`);
  const properties = (node.properties ?? {}) as Record<string, Schema>;
  for (const [key, item] of Object.entries(value)) {
    const own = properties[key];
    if (own) check(item, own, `${at}.${key}`, errors);
    else if (node.additionalProperties === false) errors.push(`${at}: лишнее поле «${key}»`);
    else if (typeof node.additionalProperties === 'object') check(item, node.additionalProperties as Schema, `${at}.${key}`, errors);
  }
}

function hasType(value: unknown, type: string): boolean {
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === type;
}

function resolve(ref: string): Schema {
  const name = ref.replace('#/$defs/', '');
  return (schema.$defs as Record<string, Schema>)[name] ?? {};
}
