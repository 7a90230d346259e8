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
 * Faults file words: "removed" (token pulled out), "slow=MS" (C_Sign sleeps),
 * "swap-halves" (signature as r||s, like a token with the other byte order).
 *
 * Inside Node the module runs on Node's own OpenSSL (its symbols win), whose
 * engines directory is /dev/null: export OPENSSL_ENGINES (signing.md §3.4).
 *
 * A test double only: the private key lives in a file.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <openssl/engine.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include "pkcs11.h"

/* TC26 vendor values (signing.md §1.1). */
#define RU_TEAM 0xD4321000UL
#define CKK_GOSTR3410_512_V (RU_TEAM | 0x003)
#define CKM_GOSTR3410_512_V (RU_TEAM | 0x006)
#define CKM_WITH_12_256 (RU_TEAM | 0x008)
#define CKM_WITH_12_512 (RU_TEAM | 0x009)

#define SLOT_ID 1
#define MAX_SESSIONS 16
#define MAX_FOUND 4

typedef struct { CK_ATTRIBUTE_TYPE type; unsigned char *value; CK_ULONG len; } attr_t;
typedef struct { attr_t attrs[24]; int count; int is_private; } object_t;
typedef struct {
  int open;
  CK_FLAGS flags;
  CK_OBJECT_HANDLE found[MAX_FOUND];
  int found_count, found_pos, finding;
  CK_MECHANISM_TYPE sign_mech; /* 0 when no C_SignInit pending */
} session_t;

static struct {
  int initialized, logged_in, bits, max_tries, offer_digest;
  char label[33], serial[17], pin[64], state_path[512], faults_path[512];
  object_t objects[2]; /* 1 = certificate, 2 = private key */
  EVP_PKEY *key;
  ENGINE *engine;
  session_t sessions[MAX_SESSIONS + 1];
} tok;

/* ---------- configuration and faults ---------- */

static void pad(unsigned char *dst, const char *src, size_t n) {
  size_t l = strlen(src);
  memset(dst, ' ', n);
  memcpy(dst, src, l < n ? l : n);
}

static unsigned char *read_file(const char *path, long *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  *len = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *buf = malloc(*len > 0 ? *len : 1);
  if (fread(buf, 1, *len, f) != (size_t)*len) { free(buf); buf = NULL; }
  fclose(f);
  return buf;
}

static int fault(const char *word, long *arg) {
  long len;
  unsigned char *buf = tok.faults_path[0] ? read_file(tok.faults_path, &len) : NULL;
  if (!buf) return 0;
  char *text = strndup((char *)buf, len);
  free(buf);
  char *at = strstr(text, word);
  int hit = at != NULL;
  if (hit && arg) {
    char *eq = at + strlen(word);
    *arg = *eq == '=' ? strtol(eq + 1, NULL, 10) : 0;
  }
  free(text);
  return hit;
}

static int removed(void) { return fault("removed", NULL); }

static int tries_left(void) {
  long len;
  unsigned char *buf = read_file(tok.state_path, &len);
  if (!buf) return tok.max_tries;
  char tmp[16] = {0};
  memcpy(tmp, buf, len < 15 ? len : 15);
  free(buf);
  return atoi(tmp);
}

static void set_tries_left(int n) {
  FILE *f = fopen(tok.state_path, "w");
  if (f) { fprintf(f, "%d\n", n); fclose(f); }
}

/* ---------- objects ---------- */

static void add_attr(object_t *o, CK_ATTRIBUTE_TYPE type, const void *value, CK_ULONG len) {
  attr_t *a = &o->attrs[o->count++];
  a->type = type;
  a->value = malloc(len ? len : 1);
  memcpy(a->value, value, len);
  a->len = len;
}
static void add_ulong(object_t *o, CK_ATTRIBUTE_TYPE t, CK_ULONG v) { add_attr(o, t, &v, sizeof v); }
static void add_bool(object_t *o, CK_ATTRIBUTE_TYPE t, CK_BBOOL v) { add_attr(o, t, &v, 1); }

static attr_t *find_attr(object_t *o, CK_ATTRIBUTE_TYPE type) {
  for (int i = 0; i < o->count; i++) if (o->attrs[i].type == type) return &o->attrs[i];
  return NULL;
}

static int hex_to_bytes(const char *hex, unsigned char *out, int max) {
  int n = 0;
  while (hex[0] && hex[1] && n < max) { sscanf(hex, "%2hhx", &out[n++]); hex += 2; }
  return n;
}

/* DER OID bytes of the key's parameter set and digest, from the SPKI parameters. */
static void add_gost_params(object_t *o, X509 *cert) {
  X509_PUBKEY *pub = X509_get_X509_PUBKEY(cert);
  const void *pval;
  int ptype;
  X509_ALGOR *palg;
  X509_PUBKEY_get0_param(NULL, NULL, NULL, &palg, pub);
  X509_ALGOR_get0(NULL, &ptype, &pval, palg);
  if (ptype != V_ASN1_SEQUENCE) return;
  const ASN1_STRING *seq = pval;
  const unsigned char *p = ASN1_STRING_get0_data(seq);
  long total = ASN1_STRING_length(seq);
  /* SEQUENCE { OID paramset, [OID digest] }: copy each OID's full TLV. */
  const unsigned char *end = p + total, *q = p;
  long len;
  int tag, cls;
  ASN1_get_object(&q, &len, &tag, &cls, end - q); /* enter the SEQUENCE */
  CK_ATTRIBUTE_TYPE types[2] = {CKA_GOSTR3410_PARAMS, CKA_GOSTR3411_PARAMS};
  for (int i = 0; i < 2 && q < end; i++) {
    const unsigned char *start = q;
    if (ASN1_get_object(&q, &len, &tag, &cls, end - q) & 0x80) return;
    q += len;
    add_attr(o, types[i], start, q - start);
  }
}

static int load_objects(const char *key_path, const char *cert_path, const char *id_hex) {
  long der_len;
  unsigned char *der = read_file(cert_path, &der_len);
  if (!der) return 0;
  const unsigned char *p = der;
  X509 *cert = d2i_X509(NULL, &p, der_len);
  FILE *kf = fopen(key_path, "r");
  if (!cert || !kf) return 0;
  tok.key = PEM_read_PrivateKey(kf, NULL, NULL, NULL);
  fclose(kf);
  if (!tok.key) return 0;
  tok.bits = EVP_PKEY_get_bits(tok.key) > 256 ? 512 : 256;

  unsigned char id[64];
  int id_len = hex_to_bytes(id_hex, id, sizeof id);
  unsigned char *subj = NULL;
  int subj_len = i2d_X509_NAME(X509_get_subject_name(cert), &subj);

  object_t *c = &tok.objects[0];
  add_ulong(c, CKA_CLASS, CKO_CERTIFICATE);
  add_ulong(c, CKA_CERTIFICATE_TYPE, CKC_X_509);
  add_bool(c, CKA_TOKEN, CK_TRUE);
  add_bool(c, CKA_PRIVATE, CK_FALSE);
  add_attr(c, CKA_ID, id, id_len);
  add_attr(c, CKA_LABEL, "gost-cert", 9);
  add_attr(c, CKA_SUBJECT, subj, subj_len);
  add_attr(c, CKA_VALUE, der, der_len);

  object_t *k = &tok.objects[1];
  k->is_private = 1;
  add_ulong(k, CKA_CLASS, CKO_PRIVATE_KEY);
  add_ulong(k, CKA_KEY_TYPE, tok.bits == 512 ? CKK_GOSTR3410_512_V : CKK_GOSTR3410);
  add_bool(k, CKA_TOKEN, CK_TRUE);
  add_bool(k, CKA_PRIVATE, CK_TRUE);
  add_bool(k, CKA_SIGN, CK_TRUE);
  add_bool(k, CKA_SENSITIVE, CK_TRUE);
  add_bool(k, CKA_EXTRACTABLE, CK_FALSE);
  add_bool(k, CKA_ALWAYS_SENSITIVE, CK_TRUE);
  add_bool(k, CKA_NEVER_EXTRACTABLE, CK_TRUE);
  add_bool(k, CKA_LOCAL, CK_TRUE);
  add_bool(k, CKA_DECRYPT, CK_FALSE);
  add_bool(k, CKA_UNWRAP, CK_FALSE);
  add_bool(k, CKA_DERIVE, CK_FALSE);
  add_bool(k, CKA_ALWAYS_AUTHENTICATE, CK_FALSE);
  add_attr(k, CKA_ID, id, id_len);
  add_attr(k, CKA_LABEL, "gost-key", 8);
  add_gost_params(k, cert);
  OPENSSL_free(subj);
  X509_free(cert);
  free(der);
  return 1;
}

static CK_RV load_config(void) {
  const char *path = getenv("GOST_TOKEN_CONF");
  long len;
  unsigned char *buf = path ? read_file(path, &len) : NULL;
  if (!buf) return CKR_GENERAL_ERROR;
  char *text = strndup((char *)buf, len), *save = NULL, key[512] = "", cert[512] = "", id[130] = "01";
  free(buf);
  tok.max_tries = 3;
  tok.offer_digest = 1;
  for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    char *eq = strchr(line, '=');
    if (!eq) continue;
    *eq = 0;
    const char *k = line, *v = eq + 1;
    if (!strcmp(k, "label")) snprintf(tok.label, sizeof tok.label, "%s", v);
    else if (!strcmp(k, "serial")) snprintf(tok.serial, sizeof tok.serial, "%s", v);
    else if (!strcmp(k, "pin")) snprintf(tok.pin, sizeof tok.pin, "%s", v);
    else if (!strcmp(k, "max_tries")) tok.max_tries = atoi(v);
    else if (!strcmp(k, "key")) snprintf(key, sizeof key, "%s", v);
    else if (!strcmp(k, "cert")) snprintf(cert, sizeof cert, "%s", v);
    else if (!strcmp(k, "id")) snprintf(id, sizeof id, "%s", v);
    else if (!strcmp(k, "state")) snprintf(tok.state_path, sizeof tok.state_path, "%s", v);
    else if (!strcmp(k, "faults")) snprintf(tok.faults_path, sizeof tok.faults_path, "%s", v);
    else if (!strcmp(k, "mechanisms")) tok.offer_digest = strstr(v, "digest") != NULL;
  }
  free(text);
  return load_objects(key, cert, id) ? CKR_OK : CKR_GENERAL_ERROR;
}

/* ---------- general, slot and token ---------- */

#define NEED_INIT() do { if (!tok.initialized) return CKR_CRYPTOKI_NOT_INITIALIZED; } while (0)
#define SESSION(h, s) \
  NEED_INIT(); \
  if ((h) < 1 || (h) > MAX_SESSIONS || !tok.sessions[h].open) return CKR_SESSION_HANDLE_INVALID; \
  session_t *s = &tok.sessions[h]

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

static int mechanism_offered(CK_MECHANISM_TYPE m) {
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

/* ---------- objects ---------- */

static int visible(CK_OBJECT_HANDLE o) {
  return o >= 1 && o <= 2 && (!tok.objects[o - 1].is_private || tok.logged_in);
}

CK_RV C_FindObjectsInit(CK_SESSION_HANDLE h, CK_ATTRIBUTE_PTR tmpl, CK_ULONG n) {
  SESSION(h, s);
  if (s->finding) return CKR_OPERATION_ACTIVE;
  s->finding = 1;
  s->found_count = s->found_pos = 0;
  for (CK_OBJECT_HANDLE o = 1; o <= 2; o++) {
    if (!visible(o)) continue;
    int match = 1;
    for (CK_ULONG i = 0; i < n && match; i++) {
      attr_t *a = find_attr(&tok.objects[o - 1], tmpl[i].type);
      match = a && a->len == tmpl[i].ulValueLen && !memcmp(a->value, tmpl[i].pValue, a->len);
    }
    if (match) s->found[s->found_count++] = o;
  }
  return CKR_OK;
}

CK_RV C_FindObjects(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE_PTR out, CK_ULONG max, CK_ULONG_PTR count) {
  SESSION(h, s);
  if (!s->finding) return CKR_OPERATION_NOT_INITIALIZED;
  *count = 0;
  while (*count < max && s->found_pos < s->found_count) out[(*count)++] = s->found[s->found_pos++];
  return CKR_OK;
}

CK_RV C_FindObjectsFinal(CK_SESSION_HANDLE h) {
  SESSION(h, s);
  if (!s->finding) return CKR_OPERATION_NOT_INITIALIZED;
  s->finding = 0;
  return CKR_OK;
}

CK_RV C_GetAttributeValue(CK_SESSION_HANDLE h, CK_OBJECT_HANDLE o, CK_ATTRIBUTE_PTR tmpl, CK_ULONG n) {
  SESSION(h, s);
  (void)s;
  if (!visible(o)) return CKR_OBJECT_HANDLE_INVALID;
  CK_RV rv = CKR_OK;
  for (CK_ULONG i = 0; i < n; i++) {
    attr_t *a = find_attr(&tok.objects[o - 1], tmpl[i].type);
    if (tok.objects[o - 1].is_private && tmpl[i].type == CKA_VALUE) {
      tmpl[i].ulValueLen = CK_UNAVAILABLE_INFORMATION;
      rv = CKR_ATTRIBUTE_SENSITIVE;
    } else if (!a) {
      tmpl[i].ulValueLen = CK_UNAVAILABLE_INFORMATION;
      rv = CKR_ATTRIBUTE_TYPE_INVALID;
    } else if (!tmpl[i].pValue) {
      tmpl[i].ulValueLen = a->len;
    } else if (tmpl[i].ulValueLen < a->len) {
      tmpl[i].ulValueLen = CK_UNAVAILABLE_INFORMATION;
      rv = CKR_BUFFER_TOO_SMALL;
    } else {
      memcpy(tmpl[i].pValue, a->value, a->len);
      tmpl[i].ulValueLen = a->len;
    }
  }
  return rv;
}

/* ---------- signing ---------- */

CK_RV C_SignInit(CK_SESSION_HANDLE h, CK_MECHANISM_PTR mech, CK_OBJECT_HANDLE key) {
  SESSION(h, s);
  if (removed()) return CKR_DEVICE_REMOVED;
  if (!tok.logged_in) return CKR_USER_NOT_LOGGED_IN;
  if (key != 2 || !visible(key)) return CKR_KEY_HANDLE_INVALID;
  if (!mechanism_offered(mech->mechanism)) return CKR_MECHANISM_INVALID;
  s->sign_mech = mech->mechanism;
  return CKR_OK;
}

/* The digest to sign: the input itself, or its Streebog hash for the with-hash mechanisms. */
static int digest_for(CK_MECHANISM_TYPE m, CK_BYTE_PTR data, CK_ULONG len, unsigned char *out, size_t *out_len) {
  if (m == CKM_GOSTR3410 || m == CKM_GOSTR3410_512_V) {
    if (len != (CK_ULONG)tok.bits / 8) return 0;
    memcpy(out, data, len);
    *out_len = len;
    return 1;
  }
  const EVP_MD *md = ENGINE_get_digest(tok.engine, tok.bits == 512 ? NID_id_GostR3411_2012_512 : NID_id_GostR3411_2012_256);
  unsigned int n = 0;
  if (!md || !EVP_Digest(data, len, out, &n, md, tok.engine)) return 0;
  *out_len = n;
  return 1;
}

CK_RV C_Sign(CK_SESSION_HANDLE h, CK_BYTE_PTR data, CK_ULONG len, CK_BYTE_PTR sig, CK_ULONG_PTR sig_len) {
  SESSION(h, s);
  if (!s->sign_mech) return CKR_OPERATION_NOT_INITIALIZED;
  CK_ULONG need = tok.bits / 4;
  if (!sig) { *sig_len = need; return CKR_OK; }
  if (*sig_len < need) { *sig_len = need; return CKR_BUFFER_TOO_SMALL; }
  CK_MECHANISM_TYPE m = s->sign_mech;
  s->sign_mech = 0;
  long delay = 0;
  if (fault("slow", &delay) && delay > 0) usleep((useconds_t)delay * 1000);
  if (removed()) return CKR_DEVICE_REMOVED;
  unsigned char digest[64];
  size_t digest_len = 0;
  if (!digest_for(m, data, len, digest, &digest_len)) return CKR_DATA_LEN_RANGE;
  EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(tok.key, tok.engine);
  size_t out_len = *sig_len;
  int ok = ctx && EVP_PKEY_sign_init(ctx) > 0 && EVP_PKEY_sign(ctx, sig, &out_len, digest, digest_len) > 0;
  EVP_PKEY_CTX_free(ctx);
  if (!ok) return CKR_FUNCTION_FAILED;
  if (fault("swap-halves", NULL)) { /* a token with the other byte order: r||s */
    unsigned char tmp[64];
    size_t half = out_len / 2;
    memcpy(tmp, sig, half);
    memmove(sig, sig + half, half);
    memcpy(sig + half, tmp, half);
  }
  *sig_len = out_len;
  return CKR_OK;
}

/* ---------- function list ---------- */

static CK_RV not_supported(void) { return CKR_FUNCTION_NOT_SUPPORTED; }

static CK_FUNCTION_LIST functions;

CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list) {
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
