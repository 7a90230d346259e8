/** The extension's own diagnostic verdicts: the agent on the port, the protocol, the pairing, the MIS site. */
import { describe, expect, test } from 'vitest';
import { agentPortCheck, pairingCheck, protocolCheck, siteCheck } from '../../../../extension/background/diagnostics-checks.ts';
import { readHello } from '../../../../extension/background/diagnostics-requests.ts';
import type { SocketLike } from '../../../../extension/background/agent-socket.ts';

const hello = { protocol: 1, agentVersion: '0.1.0' };

describe('agent on the port', () => {
  test('answering: ok with its version', () => {
    expect(agentPortCheck(17346, hello)).toMatchObject({ status: 'ok', explanation: 'Агент 0.1.0 отвечает на порту 17346.' });
  });
  test('silent, but another port answers: error naming the port to set', () => {
    const c = agentPortCheck(21000, undefined, { port: 17346, hello });
    expect(c).toMatchObject({ status: 'error', explanation: 'На порту 21000 из настроек агента нет, но агент 0.1.0 отвечает на порту 17346.' });
    expect(c.action).toContain('укажите порт 17346');
  });
  test('nothing answers: error with how to start it, the per-user port included', () => {
    const c = agentPortCheck(17346, undefined);
    expect(c.explanation).toBe('Агент не найден: на порту 17346 никто не отвечает.');
    expect(c.action).toContain('--port per-user');
  });
});

describe('protocol', () => {
  test('same: ok; an older agent or an older extension: error saying which to update', () => {
    expect(protocolCheck(1, hello)?.status).toBe('ok');
    expect(protocolCheck(2, hello)).toMatchObject({ status: 'error', action: 'Обновите агент ЕГИСЗ-мост до последней версии.' });
    expect(protocolCheck(1, { ...hello, protocol: 2 })?.action).toContain('Обновите расширение');
    expect(protocolCheck(1, undefined)).toBeUndefined();
  });
});

describe('pairing', () => {
  test('unpaired and refused are errors with the way to pair; unreachable a warning; ready ok', () => {
    expect(pairingCheck(false, undefined)).toMatchObject({ status: 'error', explanation: expect.stringContaining('не сопряжён') });
    expect(pairingCheck(true, 'refused')).toMatchObject({ status: 'error', explanation: expect.stringContaining('сопряжение отозвано') });
    expect(pairingCheck(true, undefined).status).toBe('warning');
    expect(pairingCheck(true, 'ready').status).toBe('ok');
  });
});

describe('site', () => {
  test('switched off: warning; profiled: ok; no profile: warning with how to confirm fields; no site: no check', () => {
    expect(siteCheck({ host: 'mis.example', profiled: true, disabled: true })).toMatchObject({ status: 'warning', title: 'Сайт mis.example' });
    expect(siteCheck({ host: 'mis.example', profiled: true, disabled: false })?.status).toBe('ok');
    expect(siteCheck({ host: 'mis.example', profiled: false, disabled: false })?.action).toContain('Поля найдены верно');
    expect(siteCheck({ profiled: false, disabled: false })).toBeUndefined();
  });
});

describe('reading the hello', () => {
  /** A socket that greets (or closes) right after it is made. */
  const fakeSocket = (greet: string | undefined) => class implements SocketLike {
    readyState = 1;
    onopen = null;
    onmessage: SocketLike['onmessage'] = null;
    onclose: SocketLike['onclose'] = null;
    onerror = null;
    constructor() {
      queueMicrotask(() => (greet ? this.onmessage?.({ data: greet }) : this.onclose?.({})));
    }
    send(): void {}
    close(): void {}
  };
  test('the agent\'s hello gives its protocol and version; a closed socket gives nothing', async () => {
    expect(await readHello('ws://x', fakeSocket(JSON.stringify({ type: 'hello', challenge: 'c', protocol: 1, agentVersion: '0.1.0' })))).toEqual(hello);
    expect(await readHello('ws://x', fakeSocket(undefined))).toBeUndefined();
  });
});
