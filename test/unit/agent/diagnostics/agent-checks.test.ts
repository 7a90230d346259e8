/** The verdicts of the agent's diagnostic checks and their Russian texts, one fact at a time. */
import { describe, expect, test } from 'vitest';
import { certificatesCheck, dictionariesCheck, iemkCheck, modulesCheck, outboxCheck, remdCheck } from '../../../../agent/diagnostics/agent-checks.ts';
import { agentRunningCheck, configCheck, dataDirCheck } from '../../../../agent/diagnostics/local-checks.ts';
import type { InstalledModule } from '../../../../agent/signing/known-modules.ts';
import type { CertificateSummary } from '../../../../shared/protocol/messages.ts';

const now = new Date('2026-11-26T09:00:00Z');
const rutoken: InstalledModule = { module: { id: 'rutoken', name: 'Рутокен ЭЦП (Актив)', algorithms: [], linux: [], windows: [] }, path: '/usr/lib/librtpkcs11ecp.so' };
const cert = (over: Partial<CertificateSummary> = {}): CertificateSummary => ({
  owner: 'Иванова Мария Петровна', snils: '11223344595', issuer: 'УЦ Тест', notBefore: '2026-01-01T00:00:00Z', notAfter: '2027-01-01T00:00:00Z',
  fingerprint: 'ab12cd34ef56'.padEnd(64, '0'), warnings: [], ...over,
});

describe('token modules', () => {
  test('none installed: error with where to get a driver', () => {
    const c = modulesCheck([]);
    expect(c).toMatchObject({ status: 'error', explanation: 'На этом компьютере не найден ни один известный модуль PKCS#11.' });
    expect(c.action).toContain('Рутокен');
  });
  test('the configured module missing is an error even when others are installed', () => {
    expect(modulesCheck([rutoken], { path: '/opt/x.so', exists: false })).toMatchObject({ status: 'error', explanation: expect.stringContaining('/opt/x.so') });
  });
  test('installed: ok, naming the module that will be used', () => {
    expect(modulesCheck([rutoken])).toMatchObject({ status: 'ok', explanation: 'Модуль токена найден (будет использован /usr/lib/librtpkcs11ecp.so).' });
  });
});

describe('tokens and certificates', () => {
  test('module failure, no token, no certificate are errors with what to do', () => {
    expect(certificatesCheck({ failure: 'CKR_DEVICE_ERROR' })).toMatchObject({ status: 'error', explanation: 'Модуль токена не ответил: CKR_DEVICE_ERROR' });
    expect(certificatesCheck({ tokens: 0, certificates: [] })).toMatchObject({ status: 'error', action: expect.stringContaining('Вставьте токен') });
    expect(certificatesCheck({ tokens: 1, certificates: [] })).toMatchObject({ status: 'error', explanation: 'Токенов: 1, но сертификатов на них нет.' });
  });
  test('a valid personal certificate: ok, listed by fingerprint prefix, without the owner', () => {
    const c = certificatesCheck({ tokens: 1, certificates: [cert()] });
    expect(c).toMatchObject({ status: 'ok', explanation: 'Токенов: 1, сертификатов: 1, годных для подписи врача: 1.' });
    expect(c.details).toEqual(['сертификат ab12cd34…: личный (СНИЛС есть), действует до 2027-01-01, издатель УЦ Тест']);
  });
  test('only an organization certificate: error; an expiry warning: warning', () => {
    expect(certificatesCheck({ tokens: 1, certificates: [cert({ snils: undefined })] })).toMatchObject({ status: 'error', details: [expect.stringContaining('организации (СНИЛС нет)')] });
    const soon = cert({ warnings: [{ path: 'practitioner', code: 'TOKEN_CERT_EXPIRES_IN_14_DAYS', severity: 'warning', message: 'Ключ подписи действует ещё 10 дн.' }] });
    expect(certificatesCheck({ tokens: 1, certificates: [soon] })).toMatchObject({ status: 'warning', details: [expect.stringContaining('действует ещё 10 дн.')] });
  });
});

describe('REMD link', () => {
  test('unreachable REMD is an error naming the secure network', () => {
    const c = remdCheck({ target: 'remd', url: 'https://remd.example/emdr', reachable: false, failure: 'ECONNREFUSED', callbackCertificate: 'configured' });
    expect(c).toMatchObject({ status: 'error', explanation: expect.stringContaining('РЭМД не отвечает (ECONNREFUSED)') });
    expect(c.action).toContain('VipNet');
  });
  test('reachable without a callback certificate: warning', () => {
    expect(remdCheck({ target: 'remd', url: 'u', reachable: true, callbackCertificate: 'missing' })).toMatchObject({ status: 'warning', action: expect.stringContaining('remdCertificate') });
  });
  test('the demo sandbox answering: ok', () => {
    expect(remdCheck({ target: 'sandbox', url: 'u', reachable: true, callbackCertificate: 'sandbox' })).toMatchObject({ status: 'ok', explanation: 'Песочница ЕГИСЗ (демо) отвечает.' });
  });
  test('an unreachable clinic gateway names gateway.url', () => {
    expect(remdCheck({ target: 'gateway', url: 'u', reachable: false }).action).toContain('gateway.url');
  });
});

describe('outbox', () => {
  test('held documents are an error; documents waiting over 2 hours a warning; recent ones ok', () => {
    expect(outboxCheck({ counts: { rejected: 2 }, waiting: [] }, now)).toMatchObject({ status: 'error', explanation: 'Отклонено РЭМД и ждёт исправления документов: 2.' });
    const old = { state: 'submitted', createdAt: '2026-11-26T06:00:00Z' };
    expect(outboxCheck({ counts: { submitted: 1 }, waiting: [old] }, now)).toMatchObject({ status: 'warning', explanation: expect.stringContaining('дольше 2 часов: 1') });
    expect(outboxCheck({ counts: { submitted: 1 }, waiting: [{ state: 'submitted', createdAt: '2026-11-26T08:30:00Z' }] }, now)).toMatchObject({ status: 'ok', explanation: 'В пути документов: 1, все недавние.' });
  });
});

describe('IEMK queue', () => {
  test('not configured ok; held error; overdue warning', () => {
    expect(iemkCheck({ configured: false, rows: [] }, now).status).toBe('ok');
    expect(iemkCheck({ configured: true, rows: [{ state: 'held', dueAt: '2026-11-26T08:00:00Z' }] }, now)).toMatchObject({ status: 'error', explanation: 'ИЭМК отклонила случаи пациентов: 1.' });
    expect(iemkCheck({ configured: true, rows: [{ state: 'pending', dueAt: '2026-11-26T07:00:00Z' }] }, now).status).toBe('warning');
    expect(iemkCheck({ configured: true, rows: [{ state: 'pending', dueAt: '2026-11-26T08:50:00Z' }] }, now).status).toBe('ok');
  });
});

describe('dictionaries', () => {
  const d = (downloadedAt?: string) => ({ oid: '1.2.643.5.1.13.13.11.1520', name: 'Виды медицинской документации (НСИ 1520)', version: '12.14', downloadedAt });
  test('missing or older than a week: warning; fresh: ok with the download date', () => {
    expect(dictionariesCheck([d()], now)).toMatchObject({ status: 'warning', explanation: expect.stringContaining('Не загружены: Виды медицинской документации (НСИ 1520)') });
    expect(dictionariesCheck([d('2026-11-10T00:00:00Z')], now)).toMatchObject({ status: 'warning', explanation: expect.stringContaining('дольше 7 дней') });
    const fresh = dictionariesCheck([d('2026-11-26T03:00:00Z')], now);
    expect(fresh).toMatchObject({ status: 'ok', details: ['Виды медицинской документации (НСИ 1520): версия 12.14, загружен 26.11.2026, 06:00:00 МСК'] });
  });

  test('an old download FNSI confirmed yesterday is current, and says so', () => {
    const confirmed = dictionariesCheck([{ ...d('2026-09-01T00:00:00Z'), checkedAt: '2026-11-26T03:00:00Z' }], now);
    expect(confirmed).toMatchObject({ status: 'ok', details: [expect.stringContaining('сверен с ФНСИ 26.11.2026, 06:00:00 МСК')] });
    expect(dictionariesCheck([{ ...d('2026-09-01T00:00:00Z'), checkedAt: '2026-11-10T00:00:00Z' }], now).status).toBe('warning');
  });
});

describe('this machine (doctor without an agent)', () => {
  test('no agent: free port, taken port with its owner, an agent on the per-user port', () => {
    expect(agentRunningCheck({ port: 17346, running: false })).toMatchObject({ status: 'error', action: expect.stringContaining('egisz-agent start') });
    expect(agentRunningCheck({ port: 17346, running: false, portTaken: true, owner: { pid: 42, command: 'java -jar mis.jar' } }).explanation)
      .toBe('Агент этого каталога данных не отвечает, а порт 17346 занят: процесс 42 (java -jar mis.jar).');
    expect(agentRunningCheck({ port: 17346, running: false, perUserPort: 21000 })).toMatchObject({ status: 'warning', action: expect.stringContaining('21000') });
  });
  test('data dir: missing, someone else\'s, open to others, private', () => {
    expect(dataDirCheck({ path: '/d', exists: false }).status).toBe('warning');
    expect(dataDirCheck({ path: '/d', exists: true, mode: 0o700, ownedByMe: false, writable: true }).status).toBe('error');
    expect(dataDirCheck({ path: '/d', exists: true, mode: 0o755, ownedByMe: true, writable: true })).toMatchObject({ status: 'warning', action: 'Закройте его: chmod 700 /d' });
    expect(dataDirCheck({ path: '/d', exists: true, mode: 0o700, ownedByMe: true, writable: true }).status).toBe('ok');
  });
  test('config: missing warning, broken error with the reason', () => {
    expect(configCheck({ ok: false, file: 'c.json', missing: true, reason: '' }).status).toBe('warning');
    expect(configCheck({ ok: false, file: 'c.json', missing: false, reason: 'not JSON' })).toMatchObject({ status: 'error', explanation: 'config.json с ошибкой: not JSON' });
  });
});
