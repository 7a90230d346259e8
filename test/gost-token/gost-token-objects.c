/* GOST test token: finding objects and reading their attributes. */
#include "gost-token.h"

/* ---------- objects ---------- */

int visible(CK_OBJECT_HANDLE o) {
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

