/**
 * Small CDA building blocks shared by all SEMD kinds: coded elements, person
 * names, addresses, telecoms and organizations, in the shape the Russian
 * profile's Schematron expects (119.sch У1-1 … У1-4, У1-21 … У1-23).
 */
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { Organization } from '../../shared/domain/record.ts';
import { codedAttributes, type CodedValue } from './coded-value.ts';
import { regionOfOrganization } from './region.ts';
import { xmlAttribute, xmlText } from '../xml/xml-text.ts';

export const ns = {
  cda: 'urn:hl7-org:v3',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  identity: 'urn:hl7-ru:identity',
  address: 'urn:hl7-ru:address',
  fias: 'urn:hl7-ru:fias',
  medService: 'urn:hl7-ru:medService',
} as const;

/** An element in the CDA namespace with the four code attributes. */
export function codedElement(parent: XMLBuilder, name: string, value: CodedValue, extra: Record<string, string> = {}): XMLBuilder {
  const attributes = { ...extra, ...safeAttributes(codedAttributes(value)) };
  const prefix = name.split(':')[0];
  return prefix !== undefined && prefix in ns && name.includes(':')
    ? parent.ele(ns[prefix as keyof typeof ns], name, attributes)
    : parent.ele(name, attributes);
}

/** A Russian extension element (`identity:…`, `address:…`) with xsi:type. */
export function extension(parent: XMLBuilder, prefix: 'identity' | 'address' | 'fias' | 'medService', name: string, xsiType?: string): XMLBuilder {
  return parent.ele(ns[prefix], `${prefix}:${name}`, xsiType ? { 'xsi:type': xsiType } : {});
}

export function safeAttributes(attributes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, xmlAttribute(v)]));
}

export function text(parent: XMLBuilder, name: string, value: string): XMLBuilder {
  return parent.ele(name).txt(xmlText(value));
}

export interface PersonName {
  lastName: string;
  firstName: string;
  middleName?: string;
}

/** name: family, given, identity:Patronymic (xsi:type ST) — У1-1. */
export function personName(parent: XMLBuilder, person: PersonName): void {
  const name = parent.ele('name');
  text(name, 'family', person.lastName);
  text(name, 'given', person.firstName);
  if (person.middleName) extension(name, 'identity', 'Patronymic', 'ST').txt(xmlText(person.middleName));
}

/**
 * addr with streetAddressLine, address:stateCode, postalCode, fias:Address —
 * У1-3. Postal code and FIAS GUIDs are not in the record: nullFlavor UNK.
 */
export function address(parent: XMLBuilder, line: string, region: CodedValue, type?: CodedValue): void {
  const addr = parent.ele('addr');
  if (type) codedElement(addr, 'address:Type', type, { 'xsi:type': 'CD' });
  text(addr, 'streetAddressLine', line);
  codedElement(addr, 'address:stateCode', region, { 'xsi:type': 'CD' });
  addr.ele('postalCode', { nullFlavor: 'UNK' });
  extension(addr, 'fias', 'Address').att('nullFlavor', 'UNK');
}

/** A phone number as `tel:+7…` (У1-4 pattern); other characters are dropped. */
export function telecom(parent: XMLBuilder, phone: string | undefined): void {
  const digits = phone?.replace(/[^\d+()-.]/g, '');
  if (digits && /\d/.test(digits)) parent.ele('telecom', { value: `tel:${digits}` });
}

/** The region of the organization, required for any address it has. */
export function organizationRegion(org: Organization): CodedValue | undefined {
  return regionOfOrganization(org.oid);
}

/**
 * An organization (representedOrganization, providerOrganization, …):
 * id = FRMO OID, identity:Props/Ogrn, name, telecom, addr.
 */
export function organization(
  parent: XMLBuilder,
  element: string,
  org: Organization,
  options: { props?: boolean; classCode?: boolean; okpo?: string } = {},
): void {
  const el = parent.ele(element, options.classCode ? { classCode: 'ORG' } : {});
  el.ele('id', { root: xmlAttribute(org.oid) });
  if (options.props) {
    const props = extension(el, 'identity', 'Props');
    if (org.ogrn) extension(props, 'identity', 'Ogrn', 'ST').txt(xmlText(org.ogrn));
    if (options.okpo) extension(props, 'identity', 'Okpo', 'ST').txt(xmlText(options.okpo));
  }
  text(el, 'name', org.name);
  telecom(el, org.phone);
  const region = organizationRegion(org);
  if (org.address && region) address(el, org.address, region);
}
