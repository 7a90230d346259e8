/** Digest and signature algorithm OIDs used in the CMS (RFC 5754, RFC 9215). */

export const DIGEST_OIDS = {
  sha256: '2.16.840.1.101.3.4.2.1',
  /** id-tc26-gost3411-12-256 (Streebog-256). */
  streebog256: '1.2.643.7.1.1.2.2',
  /** id-tc26-gost3411-12-512 (Streebog-512). */
  streebog512: '1.2.643.7.1.1.2.3',
} as const;

export const SIGNATURE_OIDS = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  /** id-tc26-signwithdigest-gost3410-12-256, accepted when verifying. */
  gost2012_256WithDigest: '1.2.643.7.1.1.3.2',
  gost2012_512WithDigest: '1.2.643.7.1.1.3.3',
} as const;
