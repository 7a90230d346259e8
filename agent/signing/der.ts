/**
 * Minimal DER writing and reading for the hot path of signing: the CMS is
 * assembled from raw pieces (certificate, issuer name) without re-encoding
 * them, which is both exact and fast (the schema library takes ~1.6 ms to
 * parse or serialise one certificate).
 */

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

/** One TLV with the given tag byte around the concatenated parts. */
export function tlv(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const header = [tag, ...lengthBytes(length)];
  const out = new Uint8Array(header.length + length);
  out.set(header, 0);
  let at = header.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const sequence = (...parts: Uint8Array[]): Uint8Array => tlv(0x30, ...parts);
/** SET OF in DER: the elements sorted by their encodings (X.690 §11.6). */
export const setOf = (...elements: Uint8Array[]): Uint8Array => tlv(0x31, ...[...elements].sort(compareBytes));
export const octetString = (bytes: Uint8Array): Uint8Array => tlv(0x04, bytes);
/** [n] IMPLICIT constructed, or [n] EXPLICIT around one element. */
export const contextTag = (n: number, ...parts: Uint8Array[]): Uint8Array => tlv(0xa0 | n, ...parts);

export function integer(n: number): Uint8Array {
  return tlv(0x02, new Uint8Array([n]));
}

// A handful of OIDs make every CMS: each encoded once.
const encodedOids = new Map<string, Uint8Array>();

export function objectIdentifier(oid: string): Uint8Array {
  let encoded = encodedOids.get(oid);
  if (!encoded) encodedOids.set(oid, (encoded = encodeObjectIdentifier(oid)));
  return encoded.slice();
}

function encodeObjectIdentifier(oid: string): Uint8Array {
  const arcs = oid.split('.').map(Number);
  const body: number[] = [];
  // The first two arcs share one subidentifier, which may itself exceed 127 (e.g. 2.999).
  for (const arc of [(arcs[0] ?? 0) * 40 + (arcs[1] ?? 0), ...arcs.slice(2)]) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    body.push(...chunk);
  }
  return tlv(0x06, new Uint8Array(body));
}

/** AlgorithmIdentifier with absent parameters. */
export const algorithmIdentifier = (oid: string): Uint8Array => sequence(objectIdentifier(oid));

/** UTCTime before 2050, GeneralizedTime from 2050 on (RFC 5652 §11.3), whole seconds, UTC. */
export function time(date: Date): Uint8Array {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  const utc = date.getUTCFullYear() < 2050 && date.getUTCFullYear() >= 1950;
  return tlv(utc ? 0x17 : 0x18, new TextEncoder().encode(`${utc ? digits.slice(2) : digits}Z`));
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return a.length - b.length;
}

/** One element found in DER: its tag, where its value starts and ends, and its whole encoding. */
export interface DerElement {
  tag: number;
  valueStart: number;
  end: number;
  /** The complete TLV bytes (a view into the input). */
  bytes: Uint8Array;
}

/** Reads the TLV at `offset` (definite lengths only, as DER requires). */
export function readElement(der: Uint8Array, offset = 0): DerElement {
  const tag = der[offset];
  let len = der[offset + 1];
  if (tag === undefined || len === undefined) throw new Error('DER: truncated');
  let at = offset + 2;
  if (len & 0x80) {
    const count = len & 0x7f;
    if (count === 0 || count > 4) throw new Error('DER: unsupported length');
    len = 0;
    for (let i = 0; i < count; i++) len = len * 256 + (der[at++] ?? 0);
  }
  const end = at + len;
  if (end > der.length) throw new Error('DER: truncated');
  return { tag, valueStart: at, end, bytes: der.subarray(offset, end) };
}

/** The elements inside a constructed element. */
export function children(der: Uint8Array, parent: DerElement): DerElement[] {
  const out: DerElement[] = [];
  for (let at = parent.valueStart; at < parent.end; ) {
    const e = readElement(der, at);
    out.push(e);
    at = e.end;
  }
  return out;
}

/** Issuer Name and serialNumber of a certificate, as their original DER. */
export function issuerAndSerial(certificateDer: Uint8Array): { issuer: Uint8Array; serial: Uint8Array } {
  const cert = readElement(certificateDer);
  const tbs = children(certificateDer, cert)[0];
  if (!tbs) throw new Error('DER: not a certificate');
  const fields = children(certificateDer, tbs);
  // tbsCertificate: [0] version (optional), serialNumber, signature, issuer, …
  const skip = fields[0]?.tag === 0xa0 ? 1 : 0;
  const serial = fields[skip];
  const issuer = fields[skip + 2];
  if (serial?.tag !== 0x02 || issuer?.tag !== 0x30) throw new Error('DER: not a certificate');
  return { issuer: issuer.bytes, serial: serial.bytes };
}

/** Dotted text of an OBJECT IDENTIFIER element. */
export function decodeObjectIdentifier(der: Uint8Array, e: DerElement): string {
  if (e.tag !== 0x06) throw new Error('DER: not an OID');
  const arcs: number[] = [];
  let value = 0;
  for (let i = e.valueStart; i < e.end; i++) {
    const byte = der[i] ?? 0;
    value = value * 128 + (byte & 0x7f);
    if (byte & 0x80) continue;
    if (arcs.length === 0) {
      const first = value < 80 ? Math.floor(value / 40) : 2;
      arcs.push(first, value - first * 40);
    } else {
      arcs.push(value);
    }
    value = 0;
  }
  return arcs.join('.');
}

/** Date of a UTCTime or GeneralizedTime element (the whole-seconds "Z" forms DER allows). */
export function decodeTime(der: Uint8Array, e: DerElement): Date {
  const text = new TextDecoder().decode(der.subarray(e.valueStart, e.end));
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m || (e.tag !== 0x17 && e.tag !== 0x18)) throw new Error('DER: not a DER time');
  let year = Number(m[1]);
  if (e.tag === 0x17) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

/** The value bytes of an element. */
export const valueOf = (der: Uint8Array, e: DerElement): Uint8Array => der.subarray(e.valueStart, e.end);
