/**
 * REMD's synchronous checks on registerDocument, before any file is fetched
 * (egisz.md §1.4 step 2, §1.8): the system, the organization and its binding,
 * required fields, identifiers, dates, uniqueness of localUid.
 */
import { isValidSnils } from '../../shared/validate/snils.ts';
import { remdError } from '../egisz/remd/remd-error-catalogue.ts';
import type { RemdErrorItem } from '../egisz/remd/remd-error-items.ts';
import type { ReadRegisterDocument } from '../egisz/remd/register-document.ts';
import { activeOn, findOrganization, findSystem } from './federal-dataset.ts';
import { checkKindRules } from './kind-rules.ts';
import type { FederalDataset } from './federal-dataset.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The system check comes first: an unknown sender gets nothing else. */
export function checkSystem(dataset: FederalDataset, clientEntityId: string | undefined): RemdErrorItem[] {
  const system = clientEntityId ? findSystem(dataset, clientEntityId) : undefined;
  if (!system) return [remdError('NO_RMIS', `clientEntityId [${clientEntityId ?? ''}]`)];
  if (!system.active) return [remdError('DISABLED_RMIS', `clientEntityId [${clientEntityId}]`)];
  return [];
}

export function checkRequest(dataset: FederalDataset, clientEntityId: string, read: ReadRegisterDocument, now: Date): RemdErrorItem[] {
  const { request, missing } = read;
  // A missing patient SNILS matters only where the kind requires it (kind-rules.ts: NO_SNILS).
  const errors: RemdErrorItem[] = missing.filter((path) => path !== 'patient.snils').map(missingField);
  if (!request.personalSignatures.length) errors.push(remdError('NO_SIGNATURE'));
  if (request.localUid && !UUID.test(request.localUid)) {
    errors.push(remdError('VALIDATION_ERROR', `Идентификатор документа localUid [${request.localUid}] не является UUID`));
  }
  errors.push(
    ...checkSnilses(read),
    ...checkOrganization(dataset, clientEntityId, read),
    ...checkCreation(request.creationDateTime, now),
    ...checkKindRules(request),
  );
  return errors;
}

/** REMD names the missing patient names with their own codes. */
function missingField(path: string): RemdErrorItem {
  if (path === 'patient.firstName') return remdError('PATIENT_NAME_NOT_FOUND');
  if (path === 'patient.lastName') return remdError('PATIENT_SURNAME_NOT_FOUND');
  return remdError('VALIDATION_ERROR', `Не заполнено обязательное поле [${path}]`);
}

function checkSnilses({ request }: ReadRegisterDocument): RemdErrorItem[] {
  const errors: RemdErrorItem[] = [];
  const { snils } = request.patient;
  if (snils && !isValidSnils(snils)) {
    errors.push(remdError('VALIDATION_ERROR', `СНИЛС пациента [${snils}]: не валидно контрольное число`));
  }
  for (const { signer } of request.personalSignatures) {
    if (signer.snils && !isValidSnils(signer.snils)) {
      errors.push(remdError('VALIDATION_ERROR', `СНИЛС сотрудника [${signer.snils}]: не валидно контрольное число`));
    }
  }
  return errors;
}

function checkOrganization(dataset: FederalDataset, clientEntityId: string, { request }: ReadRegisterDocument): RemdErrorItem[] {
  if (!request.organization) return [];
  const org = findOrganization(dataset, request.organization);
  if (!org) return [remdError('ORG_NOT_FOUND_IN_FRMO', `Организация [${request.organization}] не найдена в реестре организаций`)];
  const errors: RemdErrorItem[] = [];
  const system = findSystem(dataset, clientEntityId);
  const region = /^1\.2\.643\.5\.1\.13\.13\.12\.2\.(\d+)\./.exec(org.oid)?.[1];
  if (system?.region && region && system.region !== region) {
    errors.push(remdError('RMIS_REGION_MISMATCH', `регион организации [${region}], регион РМИС [${system.region}]`));
  }
  if (!org.boundSystems.includes(clientEntityId)) {
    errors.push(remdError('VALIDATION_ERROR', `Организация [${org.oid}] не привязана к РМИС [${clientEntityId}]`));
  }
  const day = request.creationDateTime.slice(0, 10);
  if (day && !activeOn(day, org.activeFrom, org.activeTo)) {
    errors.push(remdError('NO_ORG_ON_DATE', `MO code: [${org.oid}] is not actual. Delete date is ${org.activeTo ?? ''}`));
  }
  const departments = [request.department, ...request.personalSignatures.map((s) => s.signer.department)];
  for (const dep of departments) {
    if (dep && !org.departments.includes(dep)) errors.push(remdError('NO_DEPARTMENT', `Подразделение [${dep}]`));
  }
  return errors;
}

/** ISO 8601 with an explicit offset, not later than the registration. */
function checkCreation(creationDateTime: string, now: Date): RemdErrorItem[] {
  if (!creationDateTime) return [];
  const at = parseMoment(creationDateTime);
  if (!at) return [remdError('VALIDATION_ERROR', `Дата создания документа [${creationDateTime}] не в формате ISO 8601 с часовым поясом`)];
  if (at.getTime() > now.getTime()) return [remdError('WRONG_CREATION_DATE', `[${creationDateTime}]`)];
  return [];
}

export function parseMoment(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
