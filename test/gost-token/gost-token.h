/* Shared state and helpers of the GOST PKCS#11 test token (see gost-token.c). */
#ifndef GOST_TOKEN_H
#define GOST_TOKEN_H
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

struct token_state {
  int initialized, logged_in, bits, max_tries, offer_digest;
  char label[33], serial[17], pin[64], state_path[512], faults_path[512];
  object_t objects[2]; /* 1 = certificate, 2 = private key */
  EVP_PKEY *key;
  ENGINE *engine;
  session_t sessions[MAX_SESSIONS + 1];
};
extern struct token_state tok;


/* Configuration, faults and the PIN retry counter (gost-token-config.c). */
CK_RV load_config(void);
unsigned char *read_file(const char *path, long *len);
int fault(const char *word, long *arg);
int removed(void);
int tries_left(void);
void set_tries_left(int n);
void pad(unsigned char *dst, const char *src, size_t n);
attr_t *find_attr(object_t *o, CK_ATTRIBUTE_TYPE type);

/* Shared by the entry points. */
int mechanism_offered(CK_MECHANISM_TYPE m);
int visible(CK_OBJECT_HANDLE o);

#define NEED_INIT() do { if (!tok.initialized) return CKR_CRYPTOKI_NOT_INITIALIZED; } while (0)
#define SESSION(h, s) \
  NEED_INIT(); \
  if ((h) < 1 || (h) > MAX_SESSIONS || !tok.sessions[h].open) return CKR_SESSION_HANDLE_INVALID; \
  session_t *s = &tok.sessions[h]

#endif
