/*
 * A GOST R 34.10-2012 PKCS#11 test token for egisz-bridge tests.
 *
 * SoftHSM2 has no GOST mechanisms, so the tests use this small module: one
 * slot, one token, one key pair held in a PEM file, signing done by OpenSSL 3
 * with Debian's gost-engine. It behaves the way a Rutoken does for the calls
 * the agent makes: vendor key types and mechanisms from the TC26 range,
 * s||r big-endian signatures, a PIN retry counter with lockout.
 *
 * Configuration: the file named by $GOST_TOKEN_CONF, "key=value" lines:
 *   label, serial, pin, max_tries (default 3), key (PEM private key),
 *   cert (DER certificate), id (hex CKA_ID), state (file keeping the tries
 *   left, so a lockout survives a restart), faults (file read on every call),
 *   mechanisms ("digest,withhash" by default; "withhash" = no CKM_GOSTR3410).
 * Faults file words: "removed" (token pulled out), "slow=MS" (C_Sign sleeps,
 * after creating FAULTS.signing to say it is inside C_Sign),
 * "swap-halves" (signature as r||s, like a token with the other byte order),
 * "crash" (SIGSEGV inside C_Sign, like a broken vendor module).
 *
 * Inside Node the module runs on Node's own OpenSSL (its symbols win), whose
 * engines directory is /dev/null: export OPENSSL_ENGINES (signing.md §3.4).
 *
 * A test double only: the private key lives in a file.
 */
#include "gost-token.h"

struct token_state tok;

/* ---------- general, slot and token ---------- */

CK_RV C_Initialize(CK_VOID_PTR args) {
  (void)args;
  if (tok.initialized) return CKR_CRYPTOKI_ALREADY_INITIALIZED;
  memset(&tok, 0, sizeof tok);
  tok.engine = ENGINE_by_id("gost");
  if (!tok.engine || !ENGINE_init(tok.engine)) return CKR_GENERAL_ERROR;
  ENGINE_set_default(tok.engine, ENGINE_METHOD_ALL);
  CK_RV rv = load_config();
  if (rv != CKR_OK) return rv;
  tok.initialized = 1;
  return CKR_OK;
}

CK_RV C_Finalize(CK_VOID_PTR reserved) {
  (void)reserved;
  NEED_INIT();
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < tok.objects[i].count; j++) free(tok.objects[i].attrs[j].value);
  EVP_PKEY_free(tok.key);
  ENGINE_finish(tok.engine);
  ENGINE_free(tok.engine);
  memset(&tok, 0, sizeof tok);
  return CKR_OK;
}

CK_RV C_GetInfo(CK_INFO_PTR info) {
  NEED_INIT();
  memset(info, 0, sizeof *info);
  info->cryptokiVersion.major = 2;
  info->cryptokiVersion.minor = 40;
  pad(info->manufacturerID, "egisz-bridge tests", 32);
  pad(info->libraryDescription, "GOST test token", 32);
  return CKR_OK;
}

CK_RV C_GetSlotList(CK_BBOOL present, CK_SLOT_ID_PTR list, CK_ULONG_PTR count) {
  NEED_INIT();
  CK_ULONG n = present && removed() ? 0 : 1;
  if (list) {
    if (*count < n) { *count = n; return CKR_BUFFER_TOO_SMALL; }
    if (n) list[0] = SLOT_ID;
  }
  *count = n;
  return CKR_OK;
}

CK_RV C_GetSlotInfo(CK_SLOT_ID slot, CK_SLOT_INFO_PTR info) {
  NEED_INIT();
  if (slot != SLOT_ID) return CKR_SLOT_ID_INVALID;
  memset(info, 0, sizeof *info);
  pad(info->slotDescription, "GOST test reader", 64);
  pad(info->manufacturerID, "egisz-bridge tests", 32);
  info->flags = CKF_REMOVABLE_DEVICE | CKF_HW_SLOT | (removed() ? 0 : CKF_TOKEN_PRESENT);
  return CKR_OK;
}

CK_RV C_GetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info) {
  NEED_INIT();
  if (slot != SLOT_ID) return CKR_SLOT_ID_INVALID;
  if (removed()) return CKR_TOKEN_NOT_PRESENT;
  memset(info, 0, sizeof *info);
  pad(info->label, tok.label, 32);
  pad(info->manufacturerID, "egisz-bridge tests", 32);
  pad(info->model, "GOST-TEST", 16);
  pad(info->serialNumber, tok.serial, 16);
  int left = tries_left();
  info->flags = CKF_TOKEN_INITIALIZED | CKF_LOGIN_REQUIRED | CKF_USER_PIN_INITIALIZED
      | (left < tok.max_tries ? CKF_USER_PIN_COUNT_LOW : 0)
      | (left == 1 ? CKF_USER_PIN_FINAL_TRY : 0)
      | (left <= 0 ? CKF_USER_PIN_LOCKED : 0);
  info->ulMaxSessionCount = MAX_SESSIONS;
  info->ulMaxPinLen = 32;
  info->ulMinPinLen = 4;
  info->ulTotalPublicMemory = info->ulFreePublicMemory = CK_UNAVAILABLE_INFORMATION;
  info->ulTotalPrivateMemory = info->ulFreePrivateMemory = CK_UNAVAILABLE_INFORMATION;
  return CKR_OK;
}

CK_RV C_GetMechanismList(CK_SLOT_ID slot, CK_MECHANISM_TYPE_PTR list, CK_ULONG_PTR count) {
  NEED_INIT();
  if (slot != SLOT_ID) return CKR_SLOT_ID_INVALID;
  CK_MECHANISM_TYPE all[3];
  CK_ULONG n = 0;
  if (tok.offer_digest) all[n++] = tok.bits == 512 ? CKM_GOSTR3410_512_V : CKM_GOSTR3410;
  all[n++] = tok.bits == 512 ? CKM_WITH_12_512 : CKM_WITH_12_256;
  if (list) {
    if (*count < n) { *count = n; return CKR_BUFFER_TOO_SMALL; }
    memcpy(list, all, n * sizeof *all);
  }
  *count = n;
  return CKR_OK;
}

int mechanism_offered(CK_MECHANISM_TYPE m) {
  CK_MECHANISM_TYPE list[3];
  CK_ULONG n = 3;
  C_GetMechanismList(SLOT_ID, list, &n);
  for (CK_ULONG i = 0; i < n; i++) if (list[i] == m) return 1;
  return 0;
}

CK_RV C_GetMechanismInfo(CK_SLOT_ID slot, CK_MECHANISM_TYPE type, CK_MECHANISM_INFO_PTR info) {
  NEED_INIT();
  if (slot != SLOT_ID) return CKR_SLOT_ID_INVALID;
  if (!mechanism_offered(type)) return CKR_MECHANISM_INVALID;
  info->ulMinKeySize = info->ulMaxKeySize = tok.bits;
  info->flags = CKF_HW | CKF_SIGN;
  return CKR_OK;
}

/* ---------- sessions and login ---------- */

CK_RV C_OpenSession(CK_SLOT_ID slot, CK_FLAGS flags, CK_VOID_PTR app, CK_NOTIFY notify, CK_SESSION_HANDLE_PTR h) {
  (void)app; (void)notify;
  NEED_INIT();
  if (slot != SLOT_ID) return CKR_SLOT_ID_INVALID;
  if (removed()) return CKR_TOKEN_NOT_PRESENT;
  if (!(flags & CKF_SERIAL_SESSION)) return CKR_SESSION_PARALLEL_NOT_SUPPORTED;
  for (int i = 1; i <= MAX_SESSIONS; i++) {
    if (tok.sessions[i].open) continue;
    memset(&tok.sessions[i], 0, sizeof tok.sessions[i]);
    tok.sessions[i].open = 1;
    tok.sessions[i].flags = flags;
    *h = i;
    return CKR_OK;
  }
  return CKR_SESSION_COUNT;
}

CK_RV C_CloseSession(CK_SESSION_HANDLE h) {
  SESSION(h, s);
  s->open = 0;
  int any = 0;
  for (int i = 1; i <= MAX_SESSIONS; i++) any |= tok.sessions[i].open;
  if (!any) tok.logged_in = 0; /* login state ends with the last session */
  return CKR_OK;
}

CK_RV C_CloseAllSessions(CK_SLOT_ID slot) {
  NEED_INIT();
  if (slot != SLOT_ID) return CKR_SLOT_ID_INVALID;
  for (int i = 1; i <= MAX_SESSIONS; i++) tok.sessions[i].open = 0;
  tok.logged_in = 0;
  return CKR_OK;
}

CK_RV C_GetSessionInfo(CK_SESSION_HANDLE h, CK_SESSION_INFO_PTR info) {
  SESSION(h, s);
  info->slotID = SLOT_ID;
  info->flags = s->flags;
  info->ulDeviceError = 0;
  int rw = (s->flags & CKF_RW_SESSION) != 0;
  info->state = tok.logged_in ? (rw ? CKS_RW_USER_FUNCTIONS : CKS_RO_USER_FUNCTIONS) : (rw ? CKS_RW_PUBLIC_SESSION : CKS_RO_PUBLIC_SESSION);
  return CKR_OK;
}

CK_RV C_Login(CK_SESSION_HANDLE h, CK_USER_TYPE user, CK_UTF8CHAR_PTR pin, CK_ULONG len) {
  SESSION(h, s);
  (void)s;
  if (removed()) return CKR_DEVICE_REMOVED;
  if (user != CKU_USER) return CKR_USER_TYPE_INVALID;
  if (tok.logged_in) return CKR_USER_ALREADY_LOGGED_IN;
  int left = tries_left();
  if (left <= 0) return CKR_PIN_LOCKED;
  if (len != strlen(tok.pin) || memcmp(pin, tok.pin, len) != 0) {
    set_tries_left(left - 1);
    return left - 1 <= 0 ? CKR_PIN_LOCKED : CKR_PIN_INCORRECT;
  }
  set_tries_left(tok.max_tries);
  tok.logged_in = 1;
  return CKR_OK;
}

CK_RV C_Logout(CK_SESSION_HANDLE h) {
  SESSION(h, s);
  (void)s;
  if (!tok.logged_in) return CKR_USER_NOT_LOGGED_IN;
  tok.logged_in = 0;
  return CKR_OK;
}

/* ---------- function list ---------- */

static CK_RV not_supported(void) { return CKR_FUNCTION_NOT_SUPPORTED; }

static CK_FUNCTION_LIST functions;

/* The one exported symbol: everything else is reached through the function list. */
__attribute__((visibility("default"))) CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list) {
  /* Every slot first points at the stub, then the implemented ones are set. */
  void (**slots)(void) = (void (**)(void))((char *)&functions + sizeof(CK_VERSION));
  size_t n = (sizeof functions - sizeof(CK_VERSION)) / sizeof(void (*)(void));
  for (size_t i = 0; i < n; i++) slots[i] = (void (*)(void))not_supported;
  functions.version.major = 2;
  functions.version.minor = 40;
  functions.C_Initialize = C_Initialize;
  functions.C_Finalize = C_Finalize;
  functions.C_GetInfo = C_GetInfo;
  functions.C_GetFunctionList = C_GetFunctionList;
  functions.C_GetSlotList = C_GetSlotList;
  functions.C_GetSlotInfo = C_GetSlotInfo;
  functions.C_GetTokenInfo = C_GetTokenInfo;
  functions.C_GetMechanismList = C_GetMechanismList;
  functions.C_GetMechanismInfo = C_GetMechanismInfo;
  functions.C_OpenSession = C_OpenSession;
  functions.C_CloseSession = C_CloseSession;
  functions.C_CloseAllSessions = C_CloseAllSessions;
  functions.C_GetSessionInfo = C_GetSessionInfo;
  functions.C_Login = C_Login;
  functions.C_Logout = C_Logout;
  functions.C_FindObjectsInit = C_FindObjectsInit;
  functions.C_FindObjects = C_FindObjects;
  functions.C_FindObjectsFinal = C_FindObjectsFinal;
  functions.C_GetAttributeValue = C_GetAttributeValue;
  functions.C_SignInit = C_SignInit;
  functions.C_Sign = C_Sign;
  *list = &functions;
  return CKR_OK;
}

