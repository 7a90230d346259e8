/**
 * The sandbox's «РЭМД. Правила подписи ЭМД» (NSI 99.2.42) from the federal
 * dataset: expanded to one rule per kind and position (the rows its FNSI
 * serves), and REMD's check of each personal signature against them —
 * NO_ROLE_POLICY_ON_DATE, POSITION_TO_ROLE_MISMATCH. Kinds the rules do not
 * mention are not judged.
 */
import { judgeSigner, type SigningRule } from '../egisz/registries/signing-rules.ts';
import { remdError } from '../egisz/remd/remd-error-catalogue.ts';
import type { RemdErrorItem } from '../egisz/remd/remd-error-items.ts';
import type { RegisterDocumentRequest } from '../egisz/remd/register-document.ts';
import type { FederalDataset } from './federal-dataset.ts';

export function expandSigningRules(dataset: FederalDataset): SigningRule[] {
  return (dataset.signingRules?.rules ?? []).flatMap((r) => r.kinds.flatMap((kind) =>
    (r.positions ?? [undefined]).map((position): SigningRule => ({
      kind, role: r.role, ...(position ? { position } : {}), from: r.from, ...(r.to ? { to: r.to } : {}),
    }))));
}

export function checkSigningPolicy(dataset: FederalDataset, request: RegisterDocumentRequest): RemdErrorItem[] {
  if (!dataset.signingRules) return [];
  const rules = expandSigningRules(dataset);
  const day = request.creationDateTime.slice(0, 10);
  return request.personalSignatures.flatMap(({ signer }): RemdErrorItem[] => {
    const judged = judgeSigner(rules, { kind: request.kind, role: signer.role, position: signer.position, day });
    if (judged.verdict === 'no-role-on-date') {
      return [remdError('NO_ROLE_POLICY_ON_DATE', `Для роли [${signer.role}] на дату [${day}] подписание документов вида [${request.kind}] недоступно`)];
    }
    if (judged.verdict === 'position-mismatch') {
      return [remdError('POSITION_TO_ROLE_MISMATCH', `Должность [${signer.position}] сотрудника со СНИЛС [${signer.snils}] не соответствует роли [${signer.role}] для вида документов [${request.kind}]`)];
    }
    return [];
  });
}
