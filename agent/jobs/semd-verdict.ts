/**
 * What the local SEMD check means for the doctor before the PIN prompt.
 * XSD errors always block: the builder and the form disagree, nothing is
 * signed. A Schematron finding blocks when it points at data the doctor
 * enters on the form (patient, practitioner, encounter, laboratory,
 * prescription, ambulatoryCase, referral, study), so it is fixed
 * there; findings about the clinic's configuration (organization, care facts)
 * or the document's make-up go to the confirm page as warnings: REMD may
 * still refuse the document, but blocking would leave the doctor with
 * nothing to fix.
 */
import type { AgentErrorCode } from '../../shared/protocol/error-catalogue.ts';
import type { Issue } from '../../shared/validate/issue.ts';
import type { SemdCheck } from '../semd/semd-check.ts';

export type SemdVerdict = { ok: true; warnings: Issue[] } | { ok: false; code: AgentErrorCode; issues: Issue[] };

const formFields = /^(?:patient|practitioner|encounter|laboratory|prescription|ambulatoryCase|referral|study)(?:\.|$)/;

/** Whether the doctor can fix this finding in the MIS form. */
export const onTheForm = (issue: Issue): boolean => formFields.test(issue.path);

export function semdVerdict(check: SemdCheck): SemdVerdict {
  if (check.xsd.length > 0) return { ok: false, code: 'DOCUMENT_XSD_INVALID', issues: check.issues };
  const blocking = check.issues.filter(onTheForm);
  if (blocking.length > 0) return { ok: false, code: 'DOCUMENT_SCHEMATRON_FAILED', issues: check.issues };
  return { ok: true, warnings: check.issues.map((issue) => ({ ...issue, severity: 'warning' as const })) };
}
