/**
 * The verdicts of the agent's diagnostic checks, as pure functions of what
 * was found: the running agent and `egisz-agent doctor` gather the facts,
 * these turn them into a status with a Russian explanation and what to do.
 * No check carries a name or SNILS: the report goes to the support desk.
 */
import type { CertificateSummary } from '../../shared/protocol/messages.ts';
import type { DiagnosticCheck } from '../../shared/diagnostics/diagnostic-report.ts';
import type { InstalledModule } from '../signing/known-modules.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** A document not yet registered this long after it was signed is worth a look. */
export const OUTBOX_WAIT_WARNING_MS = 2 * HOUR_MS;
/** Dictionaries are updated daily; a week without an update means FNSI is out of reach. */
export const DICTIONARY_STALE_DAYS = 7;

const ru = (iso: string): string => `${new Date(iso).toLocaleString('ru-RU', { timeZone: 'Europe/Moscow' })} МСК`;
const capitalized = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function agentVersionCheck(agentVersion: string, protocol: number): DiagnosticCheck {
  return { id: 'agent.version', status: 'ok', title: 'Версия агента', explanation: `Агент ${agentVersion}, протокол ${protocol}.` };
}

export function modulesCheck(installed: readonly InstalledModule[], configured?: { path: string; exists: boolean }): DiagnosticCheck {
  const title = 'Модули токенов (PKCS#11)';
  const details = installed.map((m) => `${m.module.name}: ${m.path}`);
  if (configured && !configured.exists) {
    return {
      id: 'token.modules', status: 'error', title, details,
      explanation: `Модуль токена из настроек (token.modulePath) не найден: ${configured.path}.`,
      action: 'Установите драйвер токена (Рутокен, JaCarta) или исправьте token.modulePath в config.json; найденные модули перечислены ниже.',
    };
  }
  if (!configured && installed.length === 0) {
    return {
      id: 'token.modules', status: 'error', title, details,
      explanation: 'На этом компьютере не найден ни один известный модуль PKCS#11.',
      action: 'Установите драйвер своего токена с сайта производителя (Рутокен — «Модуль поддержки PKCS#11», JaCarta — «Единый клиент JaCarta») и запустите проверку снова.',
    };
  }
  const used = configured ? `в настройках: ${configured.path}` : `будет использован ${installed[0]!.path}`;
  return { id: 'token.modules', status: 'ok', title, details, explanation: `Модуль токена найден (${used}).` };
}

/** Tokens and their certificates; `failure` when the module could not be asked. */
export function certificatesCheck(
  found: { tokens: number; certificates: readonly CertificateSummary[] } | { failure: string },
): DiagnosticCheck {
  const title = 'Токен и сертификаты';
  if ('failure' in found) {
    return {
      id: 'token.certificates', status: 'error', title, explanation: `Модуль токена не ответил: ${found.failure}`,
      action: 'Переподключите токен, закройте другие программы, работающие с ним, и запустите проверку снова.',
    };
  }
  if (found.tokens === 0) {
    return { id: 'token.certificates', status: 'error', title, explanation: 'Токен не найден: модуль установлен, но токен не подключён или не виден.', action: 'Вставьте токен в USB-порт этого компьютера (на терминальном сервере — проброс USB) и запустите проверку снова.' };
  }
  if (found.certificates.length === 0) {
    return { id: 'token.certificates', status: 'error', title, explanation: `Токенов: ${found.tokens}, но сертификатов на них нет.`, action: 'Запишите сертификат на токен в удостоверяющем центре или подключите токен с сертификатом.' };
  }
  const details = found.certificates.map(certificateLine);
  const usable = found.certificates.filter((c) => c.snils && !c.warnings.some((w) => w.severity === 'error'));
  const warned = found.certificates.some((c) => c.warnings.length > 0);
  const count = `Токенов: ${found.tokens}, сертификатов: ${found.certificates.length}, годных для подписи врача: ${usable.length}.`;
  if (usable.length === 0) {
    return { id: 'token.certificates', status: 'error', title, details, explanation: count, action: 'Нужен действующий личный сертификат врача (со СНИЛС): получите его в удостоверяющем центре.' };
  }
  return warned
    ? { id: 'token.certificates', status: 'warning', title, details, explanation: count, action: 'Прочтите предупреждения ниже: закажите новый сертификат заранее, сертификат организации документы не подписывает.' }
    : { id: 'token.certificates', status: 'ok', title, details, explanation: count };
}

/** A certificate without its owner: the fingerprint prefix, validity, personal or organization, warnings. */
function certificateLine(c: CertificateSummary): string {
  const whose = c.snils ? 'личный (СНИЛС есть)' : 'организации (СНИЛС нет)';
  const warnings = c.warnings.map((w) => w.message).join(' ');
  return `сертификат ${c.fingerprint.slice(0, 8)}…: ${whose}, действует до ${c.notAfter.slice(0, 10)}, издатель ${c.issuer}${warnings ? `. ${warnings}` : ''}`;
}

export interface RemdLink {
  /** Where signed documents go: REMD, the agent's own sandbox or a clinic gateway. */
  target: 'remd' | 'sandbox' | 'gateway';
  url: string;
  /** undefined: not tried (no network from here). */
  reachable?: boolean;
  failure?: string;
  /** remdCertificate: configured and read; undefined for a workstation (the gateway checks callbacks). */
  callbackCertificate?: 'configured' | 'missing' | 'unreadable' | 'sandbox';
}

export function remdCheck(link: RemdLink): DiagnosticCheck {
  const title = link.target === 'gateway' ? 'Шлюз клиники' : 'Связь с РЭМД';
  const where = { remd: 'РЭМД', sandbox: 'песочница ЕГИСЗ (демо)', gateway: 'шлюз клиники' }[link.target];
  const details = [`адрес: ${link.url}`];
  if (link.reachable === false) {
    return {
      id: 'remd.link', status: 'error', title, details,
      explanation: `${capitalized(where)} не отвечает${link.failure ? ` (${link.failure})` : ''}. Подписанные документы ждут в очереди и уйдут, когда связь появится.`,
      action: link.target === 'gateway'
        ? 'Проверьте, что шлюз клиники запущен и доступен с этого компьютера (gateway.url в config.json).'
        : 'Проверьте защищённую сеть (VipNet) до ЕГИСЗ и адрес remdEndpoint в config.json.',
    };
  }
  const reach = capitalized(link.reachable ? `${where} отвечает.` : `${where}: связь не проверялась.`);
  if (link.callbackCertificate === 'missing' || link.callbackCertificate === 'unreadable') {
    return {
      id: 'remd.link', status: 'warning', title, details,
      explanation: `${reach} Сертификат РЭМД для обратных вызовов ${link.callbackCertificate === 'missing' ? 'не задан' : 'не читается'}: результаты регистрации придут только сверкой, с опозданием.`,
      action: 'Укажите в config.json remdCertificate — PEM-файл сертификата, которым РЭМД подписывает registerDocumentResult.',
    };
  }
  return { id: 'remd.link', status: 'ok', title, details, explanation: reach };
}

export interface OutboxFacts {
  counts: Partial<Record<string, number>>;
  /** The not-yet-registered documents: state and when they were created (ISO). */
  waiting: readonly { state: string; createdAt: string }[];
}

export function outboxCheck(facts: OutboxFacts | undefined, now: Date): DiagnosticCheck {
  const title = 'Очередь отправки в РЭМД';
  if (!facts) return { id: 'outbox', status: 'ok', title, explanation: 'Очередь ведёт шлюз клиники, не это рабочее место.' };
  const held = facts.counts.rejected ?? 0;
  const old = facts.waiting.filter((d) => now.getTime() - Date.parse(d.createdAt) > OUTBOX_WAIT_WARNING_MS);
  const details = Object.entries(facts.counts).filter(([, n]) => n).map(([state, n]) => `${state}: ${n}`);
  if (held > 0) {
    return {
      id: 'outbox', status: 'error', title, details,
      explanation: `Отклонено РЭМД и ждёт исправления документов: ${held}.`,
      action: 'Откройте список документов во всплывающем окне расширения (или egisz-agent outbox list --state rejected), исправьте причину и отправьте снова (egisz-agent outbox retry).',
    };
  }
  if (old.length > 0) {
    const oldest = old.reduce((a, b) => (a.createdAt < b.createdAt ? a : b));
    return {
      id: 'outbox', status: 'warning', title, details,
      explanation: `Документов ждут регистрации дольше 2 часов: ${old.length} (самый ранний подписан ${ru(oldest.createdAt)}).`,
      action: 'Проверьте связь с РЭМД выше; документы уходят сами, когда связь есть. Подробности: egisz-agent outbox list.',
    };
  }
  return { id: 'outbox', status: 'ok', title, details, explanation: facts.waiting.length ? `В пути документов: ${facts.waiting.length}, все недавние.` : 'Очередь пуста: все документы обработаны.' };
}

export function iemkCheck(facts: { configured: boolean; rows: readonly { state: string; dueAt: string }[] } | undefined, now: Date): DiagnosticCheck {
  const title = 'Передача случаев в ИЭМК';
  if (!facts?.configured) return { id: 'iemk', status: 'ok', title, explanation: 'ИЭМК не настроена (registries.iemk в config.json): случаи не передаются.' };
  const held = facts.rows.filter((r) => r.state === 'held').length;
  const late = facts.rows.filter((r) => r.state === 'pending' && now.getTime() - Date.parse(r.dueAt) > HOUR_MS).length;
  const details = [`ждут: ${facts.rows.length - held}`, `отклонено ИЭМК: ${held}`];
  if (held) return { id: 'iemk', status: 'error', title, details, explanation: `ИЭМК отклонила случаи пациентов: ${held}.`, action: 'Причины: egisz-agent cases iemk-sync; исправьте случай на странице «Случаи лечения».' };
  if (late) return { id: 'iemk', status: 'warning', title, details, explanation: `Случаи пациентов (${late}) ждут передачи дольше часа после назначенного времени.`, action: 'Проверьте связь с ИЭМК (registries.iemk в config.json).' };
  return { id: 'iemk', status: 'ok', title, details, explanation: facts.rows.length ? `Ждут передачи случаи пациентов: ${facts.rows.length}.` : 'Очередь ИЭМК пуста.' };
}

export interface DictionaryFacts {
  oid: string;
  /** Russian name, e.g. «Виды медицинской документации (1520)». */
  name: string;
  version?: string;
  /** ISO time of the download; absent when never downloaded. */
  downloadedAt?: string;
  /** ISO time FNSI last confirmed the copy is the newest version. */
  checkedAt?: string;
}

export function dictionariesCheck(dictionaries: readonly DictionaryFacts[], now: Date): DiagnosticCheck {
  const title = 'Справочники НСИ';
  const checked = (d: DictionaryFacts) => (d.checkedAt && d.checkedAt > d.downloadedAt! ? `, сверен с ФНСИ ${ru(d.checkedAt)}` : '');
  const details = dictionaries.map((d) => (d.downloadedAt ? `${d.name}: версия ${d.version ?? '?'}, загружен ${ru(d.downloadedAt)}${checked(d)}` : `${d.name}: не загружен`));
  // An unchanged version is current as long as FNSI keeps confirming it.
  const ageDays = (d: DictionaryFacts) => (now.getTime() - Date.parse(d.checkedAt ?? d.downloadedAt!)) / DAY_MS;
  const missing = dictionaries.filter((d) => !d.downloadedAt);
  const stale = dictionaries.filter((d) => d.downloadedAt && ageDays(d) > DICTIONARY_STALE_DAYS);
  if (missing.length) {
    return { id: 'nsi', status: 'warning', title, details, explanation: `Не загружены: ${missing.map((d) => d.name).join(', ')}. Проверки перед подписью по ним не выполняются.`, action: 'Агент загружает справочники из ФНСИ сразу после запуска и раз в сутки: проверьте registries.fnsi в config.json и связь с ФНСИ.' };
  }
  if (stale.length) {
    return { id: 'nsi', status: 'warning', title, details, explanation: `Не обновлялись дольше ${DICTIONARY_STALE_DAYS} дней: ${stale.map((d) => d.name).join(', ')}.`, action: 'Проверьте связь с ФНСИ (registries.fnsi в config.json); агент обновляет справочники раз в сутки.' };
  }
  return { id: 'nsi', status: 'ok', title, details, explanation: 'Справочники загружены и свежие.' };
}
