/* GOST test token: signing with gost-engine, s||r big-endian like CKM_GOSTR3410 on a Rutoken. */
#include <signal.h>
#include "gost-token.h"

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
  if (fault("crash", NULL)) raise(SIGSEGV); /* a vendor module that dies inside C_Sign */
  long delay = 0;
  if (fault("slow", &delay) && delay > 0) {
    /* Tell the test the token is now inside C_Sign (FAULTS.signing), so it can pull it out mid-way. */
    char marker[600];
    snprintf(marker, sizeof marker, "%s.signing", tok.faults_path);
    FILE *f = fopen(marker, "w");
    if (f) fclose(f);
    usleep((useconds_t)delay * 1000);
  }
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

