/** The part of node-gost-crypto 1.0.2 (CommonJS, untyped) that the tests use (a second Streebog). */
declare module 'node-gost-crypto' {
  interface GostDigest {
    digest(data: ArrayBuffer | Uint8Array): ArrayBuffer;
  }
  interface GostSign {
    sign(privateKey: ArrayBuffer | Uint8Array, data: ArrayBuffer | Uint8Array): ArrayBuffer;
    verify(publicKey: ArrayBuffer | Uint8Array, signature: ArrayBuffer | Uint8Array, data: ArrayBuffer | Uint8Array): boolean;
  }
  interface GostEngine {
    getGostDigest(algorithm: { name: 'GOST R 34.11'; version: 2012; length: 256 | 512 }): GostDigest;
    getGostSign(algorithm: {
      name: 'GOST R 34.10';
      version: 2012;
      length: 256 | 512;
      /** A curve the library knows by name, e.g. "S-256-A" … */
      namedCurve?: string;
      /** … or explicit Weierstrass parameters as 0x-hex strings. */
      curve?: { p: string; a: string; b: string; q: string; x: string; y: string };
      procreator?: 'CP';
    }): GostSign;
  }
  const gost: { gostEngine: GostEngine };
  export default gost;
}
