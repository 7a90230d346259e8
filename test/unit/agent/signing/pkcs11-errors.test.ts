import { describe, expect, it } from 'vitest';
import pkcs11js from 'pkcs11js';
import { toTokenError } from '../../../../agent/signing/pkcs11-errors.ts';
import { pinIncorrect, TokenError } from '../../../../agent/signing/token-error.ts';

/** The error pkcs11js throws for a CKR value (same constructor the addon wrapper uses). */
const ckr = (name: string, code: number) => new pkcs11js.Pkcs11Error(`${name}:${code}`);

describe('toTokenError', () => {
  it.each([
    ['CKR_PIN_LOCKED', 0xa4, 'TOKEN_PIN_LOCKED', false],
    ['CKR_PIN_LEN_RANGE', 0xa2, 'TOKEN_PIN_INVALID', true],
    ['CKR_TOKEN_NOT_PRESENT', 0xe0, 'TOKEN_NOT_PRESENT', true],
    ['CKR_DEVICE_REMOVED', 0x32, 'TOKEN_NOT_PRESENT', true],
    ['CKR_MECHANISM_INVALID', 0x70, 'TOKEN_MECHANISM_UNSUPPORTED', false],
    ['CKR_FUNCTION_CANCELED', 0x50, 'TOKEN_USER_CANCELLED', true],
    ['CKR_GENERAL_ERROR', 0x05, 'TOKEN_MODULE_FAILED', true],
    ['CKR_DATA_LEN_RANGE', 0x21, 'TOKEN_OPERATION_FAILED', true],
    ['CKR_USER_PIN_NOT_INITIALIZED', 0x102, 'TOKEN_PIN_INVALID', false],
    ['CKR_SESSION_COUNT', 0xb1, 'TOKEN_OPERATION_FAILED', true],
    ['CKR_KEY_FUNCTION_NOT_PERMITTED', 0x68, 'TOKEN_KEY_NOT_FOUND', false],
  ])('maps %s to %s', (name, code, expected, retriable) => {
    const e = toTokenError(ckr(name, code));
    expect(e).toBeInstanceOf(TokenError);
    expect(e.code).toBe(expected);
    expect(e.retriable).toBe(retriable);
    expect(e.message).toMatch(/[А-Яа-я]/);
  });

  it('recognises the Rutoken PIN-pad refusal by its vendor code', () => {
    expect(toTokenError(ckr('CKR_VENDOR_DEFINED', 0x80006fb1)).code).toBe('TOKEN_USER_CANCELLED');
  });

  it('treats a non-PKCS#11 failure as a module failure and keeps TokenErrors as they are', () => {
    expect(toTokenError(new Error('dlopen failed')).code).toBe('TOKEN_MODULE_FAILED');
    const own = new TokenError('TOKEN_CERT_NOT_FOUND', 'x');
    expect(toTokenError(own)).toBe(own);
  });
});

describe('pinIncorrect', () => {
  it('says how many tries are left as far as the token flags tell', () => {
    expect(pinIncorrect({ countLow: false, finalTry: true, locked: false }).message).toMatch(/последняя попытка/);
    expect(pinIncorrect({ countLow: true, finalTry: false, locked: false }).message).toMatch(/мало попыток/);
    expect(pinIncorrect({ countLow: false, finalTry: false, locked: true }).code).toBe('TOKEN_PIN_LOCKED');
  });
});
