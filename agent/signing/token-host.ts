/**
 * Entry of the token host child process (started by token-host-process.ts
 * with child_process.fork). Loads the PKCS#11 module given as argv[2] and
 * answers one request at a time over IPC. Never logs requests: they carry PINs.
 */
import { Pkcs11Token } from './pkcs11-token.ts';
import { toTokenError } from './pkcs11-errors.ts';
import { tokenErrorToData } from './token-error.ts';
import { generateKey, storeCertificate } from './demo-token-objects.ts';
import type { HostEnvelope, HostReply, HostRequest } from './token-host-messages.ts';

const modulePath = process.argv[2];
if (!modulePath || !process.send) {
  process.stderr.write('token-host: start me with child_process.fork(path, [modulePath])\n');
  process.exit(2);
}
const token = new Pkcs11Token(modulePath);

function serve(request: HostRequest): unknown {
  switch (request.op) {
    case 'list-tokens':
      return token.listTokens().map(({ slot: _slot, ...info }) => info);
    case 'list-certificates':
      return token.listCertificates(request.tokenLabel);
    case 'sign':
      return token.sign(request.slotId, request.keyId, request.pin, request.candidates, request.stayLoggedIn);
    case 'sign-with-certificate':
      return token.signWithCertificate(request.fingerprint, request.tokenLabel, request.pin, request.candidates);
    case 'generate-key':
      return generateKey(token, request);
    case 'store-certificate':
      storeCertificate(token, request);
      return null;
    case 'shutdown':
      return null;
  }
}

process.on('message', (message: HostEnvelope) => {
  let reply: HostReply;
  try {
    reply = { id: message.id, ok: true, result: serve(message.request) };
  } catch (e) {
    reply = { id: message.id, ok: false, error: tokenErrorToData(toTokenError(e)) };
  }
  process.send?.(reply, () => {
    if (message.request.op === 'shutdown') {
      token.close();
      process.exit(0);
    }
  });
});

// The parent went away: nothing left to serve.
process.on('disconnect', () => {
  token.close();
  process.exit(0);
});
