/**
 * IPC contract between the agent (parent) and the token host child process.
 * Sent with `serialization: 'advanced'`, so byte arrays cross as Uint8Array.
 */
import type { PinState, TokenErrorData } from './token-error.ts';

/** A token as the PKCS#11 module reports it (CK_TOKEN_INFO, trimmed). */
export interface TokenInfo {
  /** CK_SLOT_ID as a number; stable while the module stays loaded. */
  slotId: number;
  label: string;
  serialNumber: string;
  manufacturer: string;
  model: string;
  /** CKF_LOGIN_REQUIRED. */
  loginRequired: boolean;
  /** CKF_USER_PIN_COUNT_LOW / FINAL_TRY / LOCKED. */
  pin: PinState;
}

/** An X.509 certificate object found on a token, before parsing. */
export interface RawTokenCertificate {
  tokenLabel: string;
  slotId: number;
  /** Hex CKA_ID; the private key of the pair carries the same id. */
  keyId: string;
  /** CKA_LABEL of the certificate object. */
  label: string;
  der: Uint8Array;
}

/** A PKCS#11 mechanism with an optional byte parameter (e.g. a DER hash OID for GOST). */
export interface MechanismSpec {
  mechanism: number;
  parameter?: Uint8Array;
}

export interface SignCandidate {
  mechanism: MechanismSpec;
  inputs: Uint8Array[];
}

export type HostRequest =
  | { op: 'list-tokens' }
  | { op: 'list-certificates'; tokenLabel?: string }
  | {
      op: 'sign';
      slotId: number;
      /** Hex CKA_ID of the private key. */
      keyId: string;
      pin: string;
      /**
       * Ways to sign in order of preference, each with its own C_Sign inputs
       * (e.g. a digest for CKM_GOSTR3410, the data for the with-hash mechanism).
       * The host uses the first one the token lists; one C_Sign per input, one login.
       */
      candidates: SignCandidate[];
      /** Keep the session logged in for the next request with the same PIN: only for keys that sign unattended. */
      stayLoggedIn?: boolean;
    }
  | {
      op: 'sign-with-certificate';
      /** Hex SHA-256 of the certificate's DER: the host finds it and its key itself, in the same request. */
      fingerprint: string;
      tokenLabel?: string;
      pin: string;
      candidates: SignCandidate[];
    }
  | { op: 'generate-key'; tokenLabel: string; pin: string; keyId: string; label: string; keyType: 'ec-p256' | 'rsa-2048' }
  | { op: 'store-certificate'; tokenLabel: string; pin: string; keyId: string; label: string; der: Uint8Array; subject: Uint8Array }
  | { op: 'shutdown' };

export interface HostResults {
  'list-tokens': TokenInfo[];
  'list-certificates': RawTokenCertificate[];
  /** Raw signature values exactly as C_Sign returned them. */
  sign: Uint8Array[];
  'sign-with-certificate': Uint8Array[];
  /** SubjectPublicKeyInfo DER of the new key. */
  'generate-key': Uint8Array;
  'store-certificate': null;
  shutdown: null;
}

export type HostEnvelope = { id: number; request: HostRequest };

export type HostReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: TokenErrorData };
