/* GOST test token: configuration file, fault switches, PIN state and the two objects. */
#include "gost-token.h"

/* ---------- configuration and faults ---------- */

void pad(unsigned char *dst, const char *src, size_t n) {
  size_t l = strlen(src);
  memset(dst, ' ', n);
  memcpy(dst, src, l < n ? l : n);
}

unsigned char *read_file(const char *path, long *len) {
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

int fault(const char *word, long *arg) {
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

int removed(void) { return fault("removed", NULL); }

int tries_left(void) {
  long len;
  unsigned char *buf = read_file(tok.state_path, &len);
  if (!buf) return tok.max_tries;
  char tmp[16] = {0};
  memcpy(tmp, buf, len < 15 ? len : 15);
  free(buf);
  return atoi(tmp);
}

void set_tries_left(int n) {
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

attr_t *find_attr(object_t *o, CK_ATTRIBUTE_TYPE type) {
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

CK_RV load_config(void) {
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

