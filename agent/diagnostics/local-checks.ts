/**
 * The verdicts `egisz-agent doctor` adds when it looks at this machine
 * itself: whether the agent runs (and who holds its port if it does not
 * answer), the data dir's permissions and whether config.json parses.
 */
import type { DiagnosticCheck } from '../../shared/diagnostics/diagnostic-report.ts';
import type { PortOwner } from './port-owner.ts';

const START = 'Запустите агент: egisz-agent start (демо: ./scripts/demo.sh); на терминальном сервере — egisz-agent start --port per-user.';

export interface AgentPresence {
  port: number;
  /** The agent answered its admin API (admin.json of this data dir). */
  running: boolean;
  agentVersion?: string;
  /** Something else listens on the port. */
  portTaken?: boolean;
  owner?: PortOwner;
  /** This OS user's per-user port, when an agent answers there instead. */
  perUserPort?: number;
}

export function agentRunningCheck(p: AgentPresence): DiagnosticCheck {
  const title = 'Агент запущен';
  if (p.running) return { id: 'agent.running', status: 'ok', title, explanation: `Агент ${p.agentVersion ?? ''} отвечает на порту ${p.port}.`.replace('  ', ' ') };
  if (p.perUserPort) {
    return {
      id: 'agent.running', status: 'warning', title,
      explanation: `На порту ${p.port} агента нет, но агент отвечает на персональном порту этого пользователя (${p.perUserPort}).`,
      action: `Укажите порт ${p.perUserPort} в настройках расширения или запустите doctor с --port ${p.perUserPort}.`,
    };
  }
  if (p.portTaken) {
    const who = p.owner ? `процесс ${p.owner.pid} (${p.owner.command})` : 'другая программа или другой пользователь';
    return {
      id: 'agent.running', status: 'error', title,
      explanation: `Агент этого каталога данных не отвечает, а порт ${p.port} занят: ${who}.`,
      action: `Если это агент с другим каталогом данных — запускайте doctor с его --data-dir; иначе освободите порт или запустите агент с --port N и укажите тот же порт в настройках расширения.`,
    };
  }
  return { id: 'agent.running', status: 'error', title, explanation: `Агент не запущен: порт ${p.port} никто не слушает. Расширение его не найдёт.`, action: START };
}

export interface DataDirFacts {
  path: string;
  exists: boolean;
  /** Permission bits, e.g. 0o700. */
  mode?: number;
  ownedByMe?: boolean;
  writable?: boolean;
}

export function dataDirCheck(d: DataDirFacts): DiagnosticCheck {
  const title = 'Каталог данных';
  const details = [`каталог: ${d.path}`, ...(d.mode === undefined ? [] : [`права: ${d.mode.toString(8).padStart(3, '0')}`])];
  if (!d.exists) return { id: 'data-dir', status: 'warning', title, details, explanation: 'Каталога данных ещё нет: агент создаст его при первом запуске.', action: START };
  if (!d.ownedByMe || !d.writable) {
    return { id: 'data-dir', status: 'error', title, details, explanation: 'Каталог данных принадлежит другому пользователю или закрыт для записи: агент не сможет хранить очередь и сопряжения.', action: 'Запускайте агент от своего пользователя или укажите свой каталог (--data-dir, EGISZ_DATA_DIR).' };
  }
  if ((d.mode ?? 0) & 0o077) {
    return { id: 'data-dir', status: 'warning', title, details, explanation: 'Каталог данных доступен другим пользователям компьютера, а в нём очередь документов и ключи.', action: `Закройте его: chmod 700 ${d.path}` };
  }
  return { id: 'data-dir', status: 'ok', title, details, explanation: 'Каталог данных есть, доступен только владельцу.' };
}

export function configCheck(result: { ok: true; demo: boolean; file: string } | { ok: false; file: string; missing: boolean; reason: string }): DiagnosticCheck {
  const title = 'Настройки агента (config.json)';
  const details = [`файл: ${result.file}`];
  if (result.ok) return { id: 'config', status: 'ok', title, details, explanation: result.demo ? 'Демо-режим: настройки клиники — демонстрационные.' : 'config.json прочитан, ошибок нет.' };
  if (result.missing) return { id: 'config', status: 'warning', title, details, explanation: 'config.json нет: агент запустится только в демо-режиме.', action: 'Создайте config.json по README («Configuration») или запустите egisz-agent start --demo.' };
  return { id: 'config', status: 'error', title, details, explanation: `config.json с ошибкой: ${result.reason}`, action: 'Исправьте файл по README («Configuration»); агент с ним не запустится.' };
}
