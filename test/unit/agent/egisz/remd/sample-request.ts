/** A complete registerDocument request for the contract tests. */
import type { RegisterDocumentRequest } from '../../../../../agent/egisz/remd/register-document.ts';

export function sampleRequest(): RegisterDocumentRequest {
  return {
    localUid: '0b6e2f5a-1c3d-4e5f-8a9b-0c1d2e3f4a5b',
    kind: '119',
    creationDateTime: '2026-11-26T10:15:00+03:00',
    organization: '1.2.643.5.1.13.13.12.2.77.7701',
    department: '1.2.643.5.1.13.13.12.2.77.7701.0.100001',
    documentNumber: 'К-0001',
    patient: {
      localId: 'pat-100500', snils: '15642781886', lastName: 'Петров', firstName: 'Иван', middleName: 'Сергеевич',
      birthDate: '1980-05-14', gender: 'male',
    },
    personalSignatures: [
      {
        signer: {
          localId: 'doc-0042', role: 'DOCTOR', lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна',
          snils: '11223344595', position: '109', speciality: '27', department: '1.2.643.5.1.13.13.12.2.77.7701.0.100001',
        },
        signature: { data: 'MIIBc2lnbmF0dXJl' },
      },
    ],
    orgSignature: { data: 'MIIBorg==' },
  };
}
