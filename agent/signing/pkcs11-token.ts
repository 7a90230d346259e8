/**
 * The PKCS#11 side of the token host: one loaded module, synchronous calls.
 * Runs only inside the child process (token-host.ts), so a hung or crashing
 * vendor module never takes the agent down. The PIN lives only for the
 * duration of one request: log in, sign, log out. The one exception is a key
 * that signs unattended (the gateway's organization key, PIN from a file):
 * with `stayLoggedIn` its session stays logged in between requests, kept
 * with a hash of the PIN it was opened with, never the PIN.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import pkcs11js from 'pkcs11js';
import type { PKCS11, Template } from 'pkcs11js';
import { TokenError, certificateNotFound, pinIncorrect, pinLocked, tokenNotPresent } from './token-error.ts';
import { ckrName, toTokenError } from './pkcs11-errors.ts';
import type { RawTokenCertificate, SignCandidate, TokenInfo } from './token-host-messages.ts';

type Handle = Buffer;

/** Largest signature we expect: RSA-4096 is 512 bytes. */
const SIGNATURE_BUFFER_BYTES = 1024;

/** CK_SLOT_ID from pkcs11js' handle buffer (CK_ULONG: 8 bytes on 64-bit Linux, 4 on Windows). */
export const slotIdOf = (slot: Handle): number => (slot.length >= 8 ? Number(slot.readBigUInt64LE(0)) : slot.readUInt32LE(0));

/** A kept session stops working when the module is re-initialised, the token removed, or logged out elsewhere. */
const SESSION_GONE = new Set([
  'CKR_SESSION_HANDLE_INVALID', 'CKR_SESSION_CLOSED', 'CKR_USER_NOT_LOGGED_IN', 'CKR_CRYPTOKI_NOT_INITIALIZED',
  'CKR_DEVICE_REMOVED', 'CKR_TOKEN_NOT_PRESENT', 'CKR_OBJECT_HANDLE_INVALID', 'CKR_KEY_HANDLE_INVALID',
]);

interface KeptLogin {
  slotId: number;
  pinHash: Buffer;
  session: Handle;
  /** The module initialisation it belongs to. */
  generation: number;
}

/** PKCS#11 session states of a logged-in user (pkcs11js names no constants for them). */
const CKS_RO_USER_FUNCTIONS = 1;
const CKS_RW_USER_FUNCTIONS = 3;

const pinHashOf = (pin: string): Buffer => createHash('sha256').update(pin).digest();

export class Pkcs11Token {
  readonly #modulePath: string;
  #module: PKCS11 | undefined;
  #generation = 0;
  #kept: KeptLogin | undefined;

  constructor(modulePath: string) {
    this.#modulePath = modulePath;
  }

  /** Loads the module, or re-initialises it so newly inserted tokens show up. */
  open(refresh = false): PKCS11 {
    if (this.#module && !refresh) return this.#module;
    this.#generation++;
    if (this.#module) {
      try {
        this.#module.C_Finalize();
      } catch {
        // A module that lost its device may refuse to finalise; initialise anyway.
      }
    } else {
      const m = new pkcs11js.PKCS11();
      try {
        m.load(this.#modulePath);
      } catch (e) {
        throw new TokenError(
          'TOKEN_MODULE_FAILED',
          `Не удалось загрузить модуль PKCS#11 «${this.#modulePath}»: ${(e as Error).message}. Проверьте, что драйвер токена установлен и путь к модулю в настройках верен.`,
        );
      }
      this.#module = m;
    }
    try {
      this.#module.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
    } catch (e) {
      if (ckrName(e) !== 'CKR_CRYPTOKI_ALREADY_INITIALIZED') throw toTokenError(e);
    }
    return this.#module;
  }

  close(): void {
    this.#dropKept();
    try {
      this.#module?.C_Finalize();
      this.#module?.close();
    } catch {
      // Closing is best effort; the process is about to exit.
    }
    this.#module = undefined;
  }

  /**
   * Initialised tokens only (SoftHSM also shows an empty "free" slot).
   * `refresh` re-initialises the module first: some modules (SoftHSM) only
   * see tokens created since C_Initialize after that, and it is slow on USB.
   */
  listTokens(refresh = true): Array<TokenInfo & { slot: Handle }> {
    const m = this.open(refresh);
    const out: Array<TokenInfo & { slot: Handle }> = [];
    for (const slot of m.C_GetSlotList(true)) {
      const t = m.C_GetTokenInfo(slot);
      if ((t.flags & pkcs11js.CKF_TOKEN_INITIALIZED) === 0) continue;
      out.push({
        slot,
        slotId: slotIdOf(slot),
        label: t.label.trim(),
        serialNumber: t.serialNumber.trim(),
        manufacturer: t.manufacturerID.trim(),
        model: t.model.trim(),
        loginRequired: (t.flags & pkcs11js.CKF_LOGIN_REQUIRED) !== 0,
        pin: {
          countLow: (t.flags & pkcs11js.CKF_USER_PIN_COUNT_LOW) !== 0,
          finalTry: (t.flags & pkcs11js.CKF_USER_PIN_FINAL_TRY) !== 0,
          locked: (t.flags & pkcs11js.CKF_USER_PIN_LOCKED) !== 0,
        },
      });
    }
    return out;
  }

  listCertificates(tokenLabel?: string): RawTokenCertificate[] {
    const m = this.open();
    const out: RawTokenCertificate[] = [];
    const wanted = (t: TokenInfo) => tokenLabel === undefined || t.label === tokenLabel;
    // The signing path lists certificates every time: re-initialise only when the token is not seen.
    let tokens = this.listTokens(false).filter(wanted);
    if (tokens.length === 0) tokens = this.listTokens(true).filter(wanted);
    for (const token of tokens) {
      this.#withSession(token.slot, false, (session) => {
        const template: Template = [
          { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
          { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
        ];
        for (const obj of findObjects(m, session, template)) {
          const [value, id, label] = m.C_GetAttributeValue(session, obj, [
            { type: pkcs11js.CKA_VALUE },
            { type: pkcs11js.CKA_ID },
            { type: pkcs11js.CKA_LABEL },
          ]);
          if (!value?.value || !Buffer.isBuffer(value.value)) continue;
          out.push({
            tokenLabel: token.label,
            slotId: token.slotId,
            keyId: Buffer.isBuffer(id?.value) ? id.value.toString('hex') : '',
            label: Buffer.isBuffer(label?.value) ? label.value.toString('utf8') : '',
            der: new Uint8Array(value.value),
          });
        }
      });
    }
    return out;
  }

  /**
   * Logs in with the PIN, runs one C_Sign per input with the key of that CKA_ID, logs out;
   * with `stayLoggedIn`, reuses the session kept for this slot and PIN instead (unattended keys only).
   */
  sign(slotId: number, keyId: string, pin: string, candidates: SignCandidate[], stayLoggedIn = false): Uint8Array[] {
    const m = this.open();
    const token = this.#tokenBySlot(slotId);
    const { mechanism, inputs } = this.#pickCandidate(token.slot, candidates);
    const signAll = (session: Handle): Uint8Array[] => {
      const [key] = findObjects(m, session, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
        { type: pkcs11js.CKA_ID, value: Buffer.from(keyId, 'hex') },
      ]);
      if (!key) throw certificateNotFound();
      const mech = {
        mechanism: mechanism.mechanism,
        ...(mechanism.parameter ? { parameter: Buffer.from(mechanism.parameter) } : {}),
      };
      return inputs.map((input) => {
        m.C_SignInit(session, mech, key);
        const sig = m.C_Sign(session, Buffer.from(input), Buffer.alloc(SIGNATURE_BUFFER_BYTES));
        return new Uint8Array(sig);
      });
    };
    return stayLoggedIn ? this.#withKeptLogin(token, pin, signAll) : this.#withLogin(token, pin, false, signAll);
  }

  /**
   * Signs with the key paired with the certificate of this SHA-256 fingerprint, found on the token(s) in the
   * same request: the agent need not list the certificates first, and a swapped token shows here.
   */
  signWithCertificate(fingerprint: string, tokenLabel: string | undefined, pin: string, candidates: SignCandidate[]): Uint8Array[] {
    const found = this.listCertificates(tokenLabel).find((c) => createHash('sha256').update(c.der).digest('hex') === fingerprint);
    if (found) return this.sign(found.slotId, found.keyId, pin, candidates);
    // No token at all says more than "certificate not found".
    if (!this.listTokens(true).some((t) => tokenLabel === undefined || t.label === tokenLabel)) throw tokenNotPresent(tokenLabel);
    throw certificateNotFound();
  }

  /** The first candidate whose mechanism the token lists; the first one if the token lists none of them. */
  #pickCandidate(slot: Handle, candidates: SignCandidate[]): SignCandidate {
    const first = candidates[0];
    if (!first) throw new TokenError('TOKEN_MECHANISM_UNSUPPORTED', 'Не задан способ подписи. Обратитесь к разработчикам агента.');
    let offered: number[];
    try {
      offered = this.open().C_GetMechanismList(slot);
    } catch {
      return first;
    }
    // pkcs11js may report vendor values (≥ 2^31) as negative 32-bit numbers.
    const has = (m: number) => offered.some((o) => o >>> 0 === m >>> 0);
    return candidates.find((c) => has(c.mechanism.mechanism)) ?? first;
  }

  #tokenBySlot(slotId: number): TokenInfo & { slot: Handle } {
    const find = (refresh: boolean) => this.listTokens(refresh).find((t) => t.slotId === slotId);
    const token = find(false) ?? find(true);
    if (!token) throw tokenNotPresent();
    return token;
  }

  tokenByLabel(label: string): TokenInfo & { slot: Handle } {
    const token = this.listTokens().find((t) => t.label === label);
    if (!token) throw tokenNotPresent(label);
    return token;
  }

  /** Opens a session on the token, logs in, runs `work`, always logs out and closes. */
  withLogin<T>(token: TokenInfo & { slot: Handle }, pin: string, readWrite: boolean, work: (session: Handle) => T): T {
    return this.#withLogin(token, pin, readWrite, work);
  }

  #withLogin<T>(token: TokenInfo & { slot: Handle }, pin: string, readWrite: boolean, work: (session: Handle) => T): T {
    if (token.pin.locked) throw pinLocked();
    const m = this.open();
    return this.#withSession(token.slot, readWrite, (session) => {
      this.#login(session, token, pin);
      try {
        return work(session);
      } finally {
        try {
          m.C_Logout(session);
        } catch {
          // Closing the session below ends the login anyway.
        }
      }
    });
  }

  #login(session: Handle, token: TokenInfo & { slot: Handle }, pin: string): void {
    try {
      this.open().C_Login(session, pkcs11js.CKU_USER, pin);
    } catch (e) {
      const name = ckrName(e);
      if (name === 'CKR_PIN_INCORRECT') throw pinIncorrect(this.#pinState(token.slot));
      if (name !== 'CKR_USER_ALREADY_LOGGED_IN') throw toTokenError(e);
    }
  }

  /**
   * Runs `work` in the session kept logged in for this slot and PIN, opening
   * and logging in a new one when there is none, it was opened with another
   * PIN (compared by hash: a wrong PIN always reaches C_Login and its retry
   * counter), or it stopped working.
   */
  #withKeptLogin(token: TokenInfo & { slot: Handle }, pin: string, work: (session: Handle) => Uint8Array[]): Uint8Array[] {
    const pinHash = pinHashOf(pin);
    const kept = this.#keptSession(token.slotId, pinHash);
    if (kept) {
      try {
        return work(kept);
      } catch (e) {
        if (!SESSION_GONE.has(ckrName(e) ?? '')) throw e;
      }
    }
    this.#dropKept();
    if (token.pin.locked) throw pinLocked();
    const m = this.open();
    const session = m.C_OpenSession(token.slot, pkcs11js.CKF_SERIAL_SESSION);
    try {
      this.#login(session, token, pin);
    } catch (e) {
      m.C_CloseSession(session);
      throw e;
    }
    this.#kept = { slotId: token.slotId, pinHash, session, generation: this.#generation };
    return work(session);
  }

  /** The kept session when it is for this slot and PIN and still logged in (a C_Logout on any session logs all out). */
  #keptSession(slotId: number, pinHash: Buffer): Handle | undefined {
    const kept = this.#kept;
    if (!kept || kept.generation !== this.#generation || kept.slotId !== slotId || !timingSafeEqual(kept.pinHash, pinHash)) return undefined;
    try {
      const { state } = this.open().C_GetSessionInfo(kept.session);
      return state === CKS_RO_USER_FUNCTIONS || state === CKS_RW_USER_FUNCTIONS ? kept.session : undefined;
    } catch {
      return undefined;
    }
  }

  #dropKept(): void {
    const kept = this.#kept;
    this.#kept = undefined;
    if (!kept || kept.generation !== this.#generation || !this.#module) return;
    try {
      this.#module.C_Logout(kept.session);
    } catch {
      // Already logged out or gone.
    }
    try {
      this.#module.C_CloseSession(kept.session);
    } catch {
      // Gone with the token.
    }
  }

  #pinState(slot: Handle): TokenInfo['pin'] {
    const flags = this.open().C_GetTokenInfo(slot).flags;
    return {
      countLow: (flags & pkcs11js.CKF_USER_PIN_COUNT_LOW) !== 0,
      finalTry: (flags & pkcs11js.CKF_USER_PIN_FINAL_TRY) !== 0,
      locked: (flags & pkcs11js.CKF_USER_PIN_LOCKED) !== 0,
    };
  }

  #withSession<T>(slot: Handle, readWrite: boolean, work: (session: Handle) => T): T {
    const m = this.open();
    const flags = pkcs11js.CKF_SERIAL_SESSION | (readWrite ? pkcs11js.CKF_RW_SESSION : 0);
    const session = m.C_OpenSession(slot, flags);
    try {
      return work(session);
    } finally {
      try {
        m.C_CloseSession(session);
      } catch {
        // The token may be gone; the error of `work` is the one worth reporting.
      }
    }
  }
}

export function findObjects(m: PKCS11, session: Handle, template: Template): Handle[] {
  m.C_FindObjectsInit(session, template);
  try {
    return m.C_FindObjects(session, 64);
  } finally {
    m.C_FindObjectsFinal(session);
  }
}
