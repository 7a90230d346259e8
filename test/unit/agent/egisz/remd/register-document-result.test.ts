import { describe, expect, it } from 'vitest';
import {
  readRegisterDocumentResult, RegisterDocumentResultError, writeRegisterDocumentResult,
} from '../../../../../agent/egisz/remd/register-document-result.ts';
import type { RegisterDocumentResult } from '../../../../../agent/egisz/remd/register-document-result.ts';
import { buildEnvelope, parseEnvelope } from '../../../../../agent/egisz/remd/soap-envelope.ts';

const write = (result: RegisterDocumentResult) =>
  buildEnvelope({ messageId: 'urn:uuid:cb', action: 'registerDocumentResult', body: (b) => writeRegisterDocumentResult(b, result) });
const read = (xml: string, relatesTo?: string) => readRegisterDocumentResult(parseEnvelope(xml).payload!, relatesTo);

describe('register-document-result', () => {
  it('round-trips a registration', () => {
    const result: RegisterDocumentResult = {
      relatesToMessage: 'urn:uuid:1', status: 'success', localUid: 'u-1', kind: '119', organization: '1.2.3',
      registryItem: { emdrId: '77.119.26.11.000001', registrationDateTime: '2026-11-26T07:00:00.000Z', localUid: 'u-1' },
    };
    expect(read(write(result))).toEqual(result);
  });

  it('round-trips registration warnings', () => {
    const result: RegisterDocumentResult = {
      relatesToMessage: 'urn:uuid:3', status: 'success', localUid: 'u-3',
      registryItem: { emdrId: '77.119.26.11.000002', registrationWarnings: [{ code: 'ORG_SIGNATURE_OCCURRENCE_MISMATCH', message: 'нет подписи МО' }] },
    };
    expect(read(write(result))).toEqual(result);
  });

  it('round-trips a refusal with its errors', () => {
    const result: RegisterDocumentResult = {
      relatesToMessage: 'urn:uuid:2', status: 'error', localUid: 'u-2',
      errors: [{ code: 'PERSON_NOT_FOUND', message: 'Сотрудник не найден в ФРМР' }],
    };
    expect(read(write(result))).toEqual(result);
  });

  it('takes relatesToMessage from the header when the body lacks it', () => {
    const xml = write({ relatesToMessage: 'x', status: 'error', localUid: 'u', errors: [] }).replace(/<cb:relatesToMessage>x<\/cb:relatesToMessage>/, '');
    expect(read(xml, 'urn:uuid:hdr').relatesToMessage).toBe('urn:uuid:hdr');
    expect(() => read(xml)).toThrow(RegisterDocumentResultError);
  });

  it('refuses a success without a registry item', () => {
    const xml = write({ relatesToMessage: 'x', status: 'success', localUid: 'u' });
    expect(() => read(xml)).toThrow(/registryItem/);
  });
});
