import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RegisterDocumentRequest } from '../../../../agent/egisz/remd/register-document.ts';
import { readCdaFacts } from '../../../../agent/sandbox/cda-facts.ts';
import { crossCheck } from '../../../../agent/sandbox/document-cross-check.ts';
import { sampleRequest } from '../egisz/remd/sample-request.ts';

// The golden SEMD was built from the same demo record as sampleRequest().
const facts = readCdaFacts(readFileSync(new URL('../../../fixtures/semd/consultation-119.golden.xml', import.meta.url), 'utf8'));

const check = (change: (r: RegisterDocumentRequest) => void) => {
  const request = sampleRequest();
  change(request);
  return crossCheck(request, facts);
};

describe('document-cross-check', () => {
  it('finds nothing when request and document agree', () => {
    expect(check(() => {})).toEqual([]);
  });

  it('compares creation time as an instant, to the minute', () => {
    expect(check((r) => { r.creationDateTime = '2026-11-26T07:15:59Z'; })).toEqual([]);
    expect(check((r) => { r.creationDateTime = '2026-11-26T10:16:00+03:00'; })[0]?.message).toContain('Дата создания документа в ЭМД [202611261015+0300]');
  });

  it.each<[string, (r: RegisterDocumentRequest) => void, string, string]>([
    ['localUid', (r) => { r.localUid = '11111111-1111-4111-8111-111111111111'; }, 'VALIDATION_ERROR', 'Уникальный идентификатор документа в ЭМД'],
    ['organization', (r) => { r.organization = '1.2.643.5.1.13.13.12.2.77.7702'; }, 'VALIDATION_ERROR', 'providerOrganization'],
    ['patient SNILS', (r) => { r.patient.snils = '08765432102'; }, 'VALIDATION_ERROR', 'СНИЛС пациента в ЭМД [15642781886]'],
    ['patient birth date', (r) => { r.patient.birthDate = '1980-05-15'; }, 'VALIDATION_ERROR', 'Дата рождения пациента'],
    ['patient patronymic', (r) => { r.patient.middleName = undefined; }, 'VALIDATION_ERROR', 'Отчество пациента'],
    ['doctor surname', (r) => { r.personalSignatures[0]!.signer.lastName = 'Иванов'; }, 'INVALID_DOCTOR_FAMILY', 'Фамилия [Иванов]'],
    ['doctor name', (r) => { r.personalSignatures[0]!.signer.firstName = 'Мариня'; }, 'INVALID_DOCTOR_NAME', 'Имя [Мариня]'],
    ['doctor local id', (r) => { r.personalSignatures[0]!.signer.localId = 'doc-1'; }, 'INVALID_DOCTOR_ID', 'СНИЛС [11223344595]'],
  ])('reports a different %s', (_name, change, code, text) => {
    const errors = check(change);
    expect(errors.map((e) => e.code)).toEqual([code]);
    expect(errors[0]?.message).toContain(text);
  });

  it('requires every signer in the document and the legal authenticator among the signers', () => {
    const codes = check((r) => { r.personalSignatures[0]!.signer.snils = '12345678964'; }).map((e) => e.code);
    expect(codes).toEqual(['INVALID_DOCTOR_SNILS', 'LEGAL_AUTHENTICATOR_NOT_FOUND']);
  });
});
