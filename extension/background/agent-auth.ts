/**
 * Proof of pairing for the agent's `hello` challenge:
 * mac = hex HMAC-SHA256(key = the secret string's UTF-8 bytes, message = the challenge's UTF-8 bytes),
 * which is what the agent computes with node:crypto's createHmac(secret).update(challenge).
 */
export async function authMac(secret: string, challenge: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(challenge));
  return [...new Uint8Array(mac)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
