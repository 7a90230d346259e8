import { expect, test } from 'vitest';
import { authorizationHeader, verifyAuthorization } from '../../../../agent/gateway/gateway-auth.ts';

const ws = { id: 'reg-1', secret: 'a'.repeat(64) };
const request = { method: 'POST', path: '/gateway/v1/documents', body: '{"localUid":"x"}' };

test('a signed request from a known workstation passes', () => {
  const header = authorizationHeader(ws, request.method, request.path, request.body, 1_000_000);
  expect(verifyAuthorization(header, request, [ws], 1_000_000 + 60_000)).toEqual({ ok: true, workstationId: 'reg-1' });
});

test('a changed body, path or secret, a stale timestamp or an unknown id is refused', () => {
  const header = authorizationHeader(ws, request.method, request.path, request.body, 1_000_000);
  expect(verifyAuthorization(header, { ...request, body: '{"localUid":"y"}' }, [ws], 1_000_000)).toMatchObject({ ok: false, reason: 'bad signature' });
  expect(verifyAuthorization(header, { ...request, path: '/gateway/v1/documents/x' }, [ws], 1_000_000)).toMatchObject({ ok: false });
  expect(verifyAuthorization(header, request, [{ ...ws, secret: 'b'.repeat(64) }], 1_000_000)).toMatchObject({ ok: false });
  expect(verifyAuthorization(header, request, [ws], 1_000_000 + 6 * 60_000)).toMatchObject({ ok: false, reason: 'stale timestamp' });
  expect(verifyAuthorization(header, request, [{ ...ws, id: 'reg-2' }], 1_000_000)).toMatchObject({ ok: false, reason: 'unknown workstation' });
  expect(verifyAuthorization(undefined, request, [ws])).toMatchObject({ ok: false });
  expect(verifyAuthorization('Bearer abc', request, [ws])).toMatchObject({ ok: false });
});

test('the public listener admits only the listed peers', async () => {
  const { allowedPeer } = await import('../../../../agent/gateway/public-listener.ts');
  expect(allowedPeer('10.1.2.3', undefined)).toBe(true);
  expect(allowedPeer('::ffff:10.1.2.3', ['10.1.2.'])).toBe(true);
  expect(allowedPeer('10.1.20.3', ['10.1.2.3'])).toBe(false);
  expect(allowedPeer('192.168.0.1', ['10.', '172.16.0.4'])).toBe(false);
});
