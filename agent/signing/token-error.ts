/**
 * Errors of the token stage: a stable code, a Russian message that says what
 * to do, and whether trying again may help. Raw PKCS#11 results (CKR_*) are
 * mapped here so the rest of the agent never sees them.
 */

export type TokenErrorCode =
  | 'TOKEN_PIN_INCORRECT'
  | 'TOKEN_PIN_LOCKED'
  | 'TOKEN_PIN_INVALID'
  | 'TOKEN_NOT_PRESENT'
  | 'TOKEN_NOT_FOUND'
  | 'TOKEN_CERT_NOT_FOUND'
  | 'TOKEN_CERT_AMBIGUOUS'
  | 'TOKEN_CERT_UNUSABLE'
  | 'TOKEN_BATCH_TOO_LARGE'
  | 'TOKEN_SIGNATURE_INVALID'
  | 'TOKEN_KEY_NOT_FOUND'
  | 'TOKEN_MECHANISM_UNSUPPORTED'
  | 'TOKEN_USER_CANCELLED'
  | 'TOKEN_TIMEOUT'
  | 'TOKEN_MODULE_FAILED'
  | 'TOKEN_OPERATION_FAILED';

export class TokenError extends Error {
  readonly code: TokenErrorCode;
  /** True when the same request may succeed later (token re-inserted, module restarted). */
  readonly retriable: boolean;

  constructor(code: TokenErrorCode, message: string, retriable = false) {
    super(message);
    this.name = 'TokenError';
    this.code = code;
    this.retriable = retriable;
  }
}

/** What the token's flags say about the remaining PIN tries (CK_TOKEN_INFO). */
export interface PinState {
  countLow: boolean;
  finalTry: boolean;
  locked: boolean;
}

/** Russian hint about remaining tries; PKCS#11 only says "low" or "last one". */
export function describeRemainingTries(pin: PinState): string {
  if (pin.finalTry) return 'Осталась последняя попытка: при следующей ошибке PIN-код будет заблокирован.';
  if (pin.countLow) return 'Осталось мало попыток до блокировки PIN-кода.';
  return 'Проверьте раскладку клавиатуры и регистр.';
}

export function pinIncorrect(pin: PinState): TokenError {
  if (pin.locked) return pinLocked();
  return new TokenError('TOKEN_PIN_INCORRECT', `Неверный PIN-код. ${describeRemainingTries(pin)}`, true);
}

export function pinLocked(): TokenError {
  return new TokenError(
    'TOKEN_PIN_LOCKED',
    'PIN-код токена заблокирован после неверных попыток. Разблокируйте его PUK-кодом (PIN администратора) или обратитесь в удостоверяющий центр.',
  );
}

export function certificateNotFound(): TokenError {
  return new TokenError(
    'TOKEN_CERT_NOT_FOUND',
    'Сертификат, выбранный для подписи, не найден на токене. Вставьте токен с этим сертификатом или выберите сертификат заново.',
    true,
  );
}

export function tokenNotPresent(label?: string): TokenError {
  const which = label ? ` «${label}»` : '';
  return new TokenError('TOKEN_NOT_PRESENT', `Токен${which} не найден. Вставьте токен в USB-порт и повторите.`, true);
}

export function moduleFailed(detail: string): TokenError {
  return new TokenError(
    'TOKEN_MODULE_FAILED',
    `Модуль PKCS#11 токена не отвечает или завершился с ошибкой (${detail}). Переподключите токен и повторите; если не помогает — проверьте путь к модулю в настройках агента.`,
    true,
  );
}

export function tokenTimeout(seconds: number): TokenError {
  return new TokenError(
    'TOKEN_TIMEOUT',
    `Токен не ответил за ${seconds} с. Проверьте, что токен вставлен и не занят другой программой, и повторите.`,
    true,
  );
}

/** Plain-data form for the IPC channel between the token host and the agent. */
export interface TokenErrorData {
  code: TokenErrorCode;
  message: string;
  retriable: boolean;
}

export const tokenErrorToData = (e: TokenError): TokenErrorData => ({
  code: e.code,
  message: e.message,
  retriable: e.retriable,
});

export const tokenErrorFromData = (d: TokenErrorData): TokenError => new TokenError(d.code, d.message, d.retriable);
