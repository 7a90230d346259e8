/**
 * Maps PKCS#11 return values (CKR_*) thrown by pkcs11js to TokenError.
 * Runs in the token host; PIN-related results are resolved by the caller,
 * which can read the token flags for the remaining tries.
 */
import { TokenError, moduleFailed, pinLocked, tokenNotPresent } from './token-error.ts';
import { CKR_PINPAD_DATA_INCORRECT } from './pkcs11-constants.ts';

/** The CKR name pkcs11js puts in Pkcs11Error.message, or undefined for non-PKCS#11 errors. */
export function ckrName(e: unknown): string | undefined {
  if (e instanceof Error && e.name === 'Pkcs11Error') return e.message;
  return undefined;
}

function ckrCode(e: unknown): number | undefined {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

const NOT_PRESENT = new Set([
  'CKR_TOKEN_NOT_PRESENT',
  'CKR_DEVICE_REMOVED',
  'CKR_SESSION_HANDLE_INVALID',
  'CKR_SESSION_CLOSED',
  'CKR_SLOT_ID_INVALID',
  'CKR_TOKEN_NOT_RECOGNIZED',
]);

export function toTokenError(e: unknown): TokenError {
  if (e instanceof TokenError) return e;
  const name = ckrName(e);
  if (name === undefined) {
    const detail = e instanceof Error ? e.message : String(e);
    return moduleFailed(detail);
  }
  if (name === 'CKR_DEVICE_REMOVED') {
    return new TokenError('TOKEN_NOT_PRESENT', 'Токен извлечён во время операции. Вставьте токен и повторите подписание.', true);
  }
  if (NOT_PRESENT.has(name)) return tokenNotPresent();
  if (name === 'CKR_PIN_LOCKED') return pinLocked();
  if (name === 'CKR_PIN_LEN_RANGE' || name === 'CKR_PIN_INVALID') {
    return new TokenError('TOKEN_PIN_INVALID', 'PIN-код не подходит токену по длине или набору символов. Проверьте PIN-код.', true);
  }
  if (name === 'CKR_PIN_EXPIRED') {
    return new TokenError('TOKEN_PIN_INVALID', 'Срок действия PIN-кода истёк. Смените PIN-код утилитой производителя токена.');
  }
  if (name === 'CKR_FUNCTION_CANCELED' || ckrCode(e) === CKR_PINPAD_DATA_INCORRECT) {
    return new TokenError('TOKEN_USER_CANCELLED', 'Подписание отменено на устройстве. Повторите и подтвердите операцию на токене.', true);
  }
  if (name === 'CKR_MECHANISM_INVALID' || name === 'CKR_KEY_TYPE_INCONSISTENT' || name === 'CKR_MECHANISM_PARAM_INVALID') {
    return new TokenError(
      'TOKEN_MECHANISM_UNSUPPORTED',
      'Токен не поддерживает алгоритм подписи этого ключа. Используйте сертификат ГОСТ Р 34.10-2012 на токене с поддержкой PKCS#11.',
    );
  }
  if (name === 'CKR_USER_PIN_NOT_INITIALIZED') {
    return new TokenError('TOKEN_PIN_INVALID', 'На токене не задан PIN-код пользователя. Задайте его утилитой производителя токена.');
  }
  if (name === 'CKR_SESSION_COUNT' || name === 'CKR_TOKEN_WRITE_PROTECTED' || name === 'CKR_USER_ANOTHER_ALREADY_LOGGED_IN') {
    return new TokenError('TOKEN_OPERATION_FAILED', 'Токен занят другой программой. Закройте программы, работающие с токеном (например, КриптоПро или браузерный плагин), и повторите.', true);
  }
  if (name === 'CKR_KEY_FUNCTION_NOT_PERMITTED' || name === 'CKR_KEY_HANDLE_INVALID') {
    return new TokenError('TOKEN_KEY_NOT_FOUND', 'Ключ этого сертификата на токене нельзя использовать для подписи. Выберите другой сертификат или обратитесь в удостоверяющий центр.');
  }
  if (name === 'CKR_DEVICE_ERROR' || name === 'CKR_GENERAL_ERROR' || name === 'CKR_CRYPTOKI_NOT_INITIALIZED') {
    return moduleFailed(name);
  }
  return new TokenError('TOKEN_OPERATION_FAILED', `Токен отказал в операции (${name}). Переподключите токен и повторите.`, true);
}
