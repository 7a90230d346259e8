/**
 * A real signed SEMD for the REMD tests: the demo consultation built by
 * buildSemd, signed on a SoftHSM2 token, and the registerDocument request the
 * agent would send for it.
 */
import { randomUUID } from 'node:crypto';
import type { RegisterDocumentRequest } from '../../../agent/egisz/remd/register-document.ts';
import { buildRegisterRequest } from '../../../agent/jobs/register-request.ts';
import { buildSemd } from '../../../agent/semd/semd-builders.ts';
import type { ClinicalRecord } from '../../../shared/domain/record.ts';
import { demoConsultation } from '../../fixtures/semd/demo-record.ts';
import type { TokenFixture } from '../../support/token-fixture.ts';
import type { RemdHarness } from './remd-harness.ts';

export interface SignedDocument {
  localUid: string;
  file: Uint8Array;
  request: RegisterDocumentRequest;
}

/** An hour ago in Moscow time, to the minute, as the MIS form would write it. */
export function recentMoment(now = new Date(), minutesAgo = 60): string {
  const msk = new Date(now.getTime() - minutesAgo * 60_000 + 3 * 3_600_000);
  return `${msk.toISOString().slice(0, 16)}:00+03:00`;
}

export async function signedDemoDocument(
  token: TokenFixture,
  change: (record: ClinicalRecord) => void = () => {},
): Promise<SignedDocument> {
  const localUid = randomUUID();
  const record = demoConsultation();
  record.document = { ...record.document, localUid, createdAt: recentMoment() };
  change(record);
  const semd = buildSemd(record, { localUid, setId: localUid, versionNumber: 1 });
  const file = new TextEncoder().encode(semd.xml);
  const cms = await token.client.signDetached({ content: file, certificateFingerprint: token.certificate.fingerprint, pin: token.pin });
  return { localUid, file, request: buildRegisterRequest(record, cms) };
}

/** Signs the demo consultation, registers it with the harness's sandbox and awaits REMD's verdict. */
export async function registerSignedDocument(token: TokenFixture, remd: RemdHarness) {
  const doc = await signedDemoDocument(token);
  remd.files.set(doc.localUid, doc.file);
  const answer = await remd.client().registerDocument(doc.request);
  if (answer.status !== 'accepted') throw new Error(`registerDocument was not accepted: ${JSON.stringify(answer)}`);
  return remd.result(answer.messageId);
}
