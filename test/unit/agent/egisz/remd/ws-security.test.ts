import { describe, expect, it } from 'vitest';
import { buildEnvelope, buildFault, newMessageId, parseEnvelope } from '../../../../../agent/egisz/remd/soap-envelope.ts';
import { NS } from '../../../../../agent/egisz/remd/remd-contract.ts';
import { keyPairSigner, signEnvelope } from '../../../../../agent/egisz/remd/ws-security.ts';
import { verifyEnvelopeSecurity } from '../../../../../agent/egisz/remd/ws-security-verify.ts';
import { selfSignedCertificate } from './test-certificate.ts';

const rsa = selfSignedCertificate('rsa');
const ec = selfSignedCertificate('ec');
const other = selfSignedCertificate('rsa');
const now = new Date();

const envelope = () =>
  buildEnvelope({
    messageId: newMessageId(), action: 'registerDocument', to: 'https://ips.test/remd', replyTo: 'http://127.0.0.1:1/remd/callback',
    clientEntityId: 'client-1', body: (b) => b.ele(NS.service, 'ser:registerDocumentRequest').ele(NS.service, 'ser:localUid').txt('u-1'),
  });

const signed = (pair = rsa, at = now) => signEnvelope(envelope(), keyPairSigner(pair.keyPem, pair.certificatePem), at);

describe('ws-security', () => {
  it.each([['RSA', rsa], ['ECDSA P-256', ec]])('signs Body, Timestamp and the addressing headers with %s', async (_name, pair) => {
    const xml = await signed(pair);
    const verdict = verifyEnvelopeSecurity(xml, { now });
    expect(verdict).toMatchObject({ ok: true, signedParts: ['Body', 'Timestamp', 'MessageID', 'ReplyTo', 'To', 'Action'] });
    // The message itself still reads as before.
    const parsed = parseEnvelope(xml);
    expect(parsed.headers.clientEntityId).toBe('client-1');
    expect(parsed.payload?.localName).toBe('registerDocumentRequest');
  });

  it('has nothing to say about an unsigned envelope', () => {
    expect(verifyEnvelopeSecurity(envelope())).toBeUndefined();
  });

  it.each<[string, (xml: string) => string, string]>([
    ['a changed Body', (x) => x.replace('>u-1<', '>u-2<'), 'wsse:FailedCheck'],
    ['a changed ReplyTo', (x) => x.replace('http://127.0.0.1:1/remd/callback', 'http://evil.test/cb'), 'wsse:FailedCheck'],
    ['a changed Timestamp', (x) => x.replace(/<wsu:Expires>[^<]+</, '<wsu:Expires>2099-01-01T00:00:00Z<'), 'wsse:FailedCheck'],
    // Always a different first character: 'A' becomes 'B', anything else becomes 'A'.
    ['a changed SignatureValue', (x) => x.replace(/<ds:SignatureValue>(.)/, (_m, c: string) => `<ds:SignatureValue>${c === 'A' ? 'B' : 'A'}`), 'wsse:FailedCheck'],
    ['a dropped Reference to the Body', (x) => x.replace(/<ds:Reference URI="#Body-[^]*?<\/ds:Reference>/, ''), 'wsse:FailedCheck'],
    ['an unknown signature algorithm', (x) => x.replace('xmldsig-more#rsa-sha256', 'xmldsig-more#rsa-md5'), 'wsse:UnsupportedAlgorithm'],
    ['inclusive canonicalization', (x) => x.replace('<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"', '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"'), 'wsse:UnsupportedAlgorithm'],
    ['a second element with the Body id', (x) => x.replace(/<soap:Body wsu:Id="(Body-[0-9a-f]+)">/, '<soap:Body wsu:Id="$1"><x wsu:Id="$1"/>'), 'wsse:InvalidSecurity'],
  ])('refuses %s', async (_name, tamper, code) => {
    const verdict = verifyEnvelopeSecurity(tamper(await signed()), { now });
    expect(verdict).toMatchObject({ ok: false, code });
  });

  it('refuses a message whose signature comes with another certificate', async () => {
    const xml = await signed();
    const token = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, '');
    const swapped = xml.replace(token(rsa.certificatePem), token(other.certificatePem));
    expect(verifyEnvelopeSecurity(swapped, { now })).toMatchObject({ ok: false, code: 'wsse:FailedCheck', message: 'Подпись сообщения не верна' });
  });

  it('refuses an expired message and one from the future', async () => {
    const xml = await signed(rsa, new Date(now.getTime() - 3_600_000));
    expect(verifyEnvelopeSecurity(xml, { now })).toMatchObject({ ok: false, code: 'wsse:MessageExpired' });
    const early = await signed(rsa, new Date(now.getTime() + 3_600_000));
    expect(verifyEnvelopeSecurity(early, { now })).toMatchObject({ ok: false, code: 'wsse:MessageExpired' });
  });

  it('writes fault subcodes that a reader gets back', () => {
    const fault = parseEnvelope(buildFault({ code: 'Sender', subcode: 'wsse:FailedCheck', subcodeNs: NS.wsse, reason: 'x' })).fault;
    expect(fault).toMatchObject({ code: 'Sender', subcode: 'wsse:FailedCheck' });
  });
});
