/**
 * PKCS#11 values we need that pkcs11js 2.1.7 does not export.
 *
 * The GOST 2012 values live in the TC26 vendor range 0xD4321000
 * (NSSCK_VENDOR_PKCS11_RU_TEAM = CKK/CKM/CKA_VENDOR_DEFINED | 0x54321000), as
 * written in OpenSC src/pkcs11/pkcs11.h, Aktiv rtpkcs11t.h and the JaCarta
 * headers, and in the TC26 guideline on PKCS#11 extensions for GOST R 34.10/34.11-2012.
 */

/** Base of the TC26 (Russian PKCS#11 team) vendor range. */
export const CK_VENDOR_PKCS11_RU_TEAM = 0xd4321000;

// Key types.
/** GOST R 34.10-2001 and 2012-256 keys (standard value). */
export const CKK_GOSTR3410 = 0x00000030;
/** GOST R 34.10-2012-512 keys (vendor value). */
export const CKK_GOSTR3410_512 = CK_VENDOR_PKCS11_RU_TEAM | 0x003;

// Attributes.
/** DER OID of the curve parameter set of a GOST key. */
export const CKA_GOSTR3410_PARAMS = 0x00000250;
/** DER OID of the hash a GOST key is bound to (tells 2001 from 2012-256). */
export const CKA_GOSTR3411_PARAMS = 0x00000251;

// Mechanisms.
/** Sign a precomputed 32-byte digest with a 256-bit GOST key; output s‖r big-endian. */
export const CKM_GOSTR3410 = 0x00001201;
/** Sign a precomputed 64-byte digest with a 512-bit GOST key. */
export const CKM_GOSTR3410_512 = CK_VENDOR_PKCS11_RU_TEAM | 0x006;
/** Streebog-256 hash and sign in one step (data in, any length). */
export const CKM_GOSTR3410_WITH_GOSTR3411_12_256 = CK_VENDOR_PKCS11_RU_TEAM | 0x008;
/** Streebog-512 hash and sign in one step. */
export const CKM_GOSTR3410_WITH_GOSTR3411_12_512 = CK_VENDOR_PKCS11_RU_TEAM | 0x009;
/** Streebog-256 digest on the token. */
export const CKM_GOSTR3411_12_256 = CK_VENDOR_PKCS11_RU_TEAM | 0x012;
/** Streebog-512 digest on the token. */
export const CKM_GOSTR3411_12_512 = CK_VENDOR_PKCS11_RU_TEAM | 0x013;

// Rutoken vendor return values worth naming to the user.
/** Rutoken PINPad: the user refused on the device or the data was malformed. */
export const CKR_PINPAD_DATA_INCORRECT = 0x80006fb1;

/** Standard mechanisms we use, so the host does not depend on pkcs11js' constant names. */
export const CKM_ECDSA = 0x00001041;
export const CKM_RSA_PKCS = 0x00000001;
export const CKM_EC_KEY_PAIR_GEN = 0x00001040;
