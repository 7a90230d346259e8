/**
 * The extension's own diagnostic verdicts, before it asks the agent for its
 * checks: does the agent answer on the configured port (or on another one),
 * does it speak this extension's protocol, is this browser paired, and does
 * the MIS site have a profile. Russian texts, no personal data.
 */
import type { DiagnosticCheck } from '../../shared/diagnostics/diagnostic-report.ts';

const START = 'Запустите агент ЕГИСЗ-мост на этом компьютере (egisz-agent start; на терминальном сервере — egisz-agent start --port per-user, порт он напечатает) и нажмите «Проверить снова».';

export interface AgentHello {
  protocol: number;
  agentVersion: string;
}

export function agentPortCheck(port: number, hello: AgentHello | undefined, other?: { port: number; hello: AgentHello }): DiagnosticCheck {
  const title = 'Агент на этом компьютере';
  if (hello) return { id: 'agent.port', status: 'ok', title, explanation: `Агент ${hello.agentVersion} отвечает на порту ${port}.` };
  if (other) {
    return {
      id: 'agent.port', status: 'error', title,
      explanation: `На порту ${port} из настроек агента нет, но агент ${other.hello.agentVersion} отвечает на порту ${other.port}.`,
      action: `Откройте настройки расширения, укажите порт ${other.port} и сопрягите расширение с этим агентом.`,
    };
  }
  return { id: 'agent.port', status: 'error', title, explanation: `Агент не найден: на порту ${port} никто не отвечает.`, action: START };
}

export function protocolCheck(extensionProtocol: number, hello: AgentHello | undefined): DiagnosticCheck | undefined {
  if (!hello) return undefined;
  const title = 'Версия протокола';
  if (hello.protocol === extensionProtocol) return { id: 'agent.protocol', status: 'ok', title, explanation: `Агент и расширение говорят на одной версии протокола (${extensionProtocol}).` };
  const older = hello.protocol < extensionProtocol ? 'агент' : 'расширение';
  return {
    id: 'agent.protocol', status: 'error', title,
    explanation: `Протокол агента ${hello.protocol}, расширения ${extensionProtocol}: ${older} устарел(о), документы не отправятся.`,
    action: older === 'агент' ? 'Обновите агент ЕГИСЗ-мост до последней версии.' : 'Обновите расширение (chrome://extensions → «Обновить») или установите новую версию.',
  };
}

/** `auth`: how the paired connection went; undefined when the agent is not reachable at all. */
export function pairingCheck(paired: boolean, auth: 'ready' | 'refused' | undefined): DiagnosticCheck {
  const title = 'Сопряжение браузера с агентом';
  const action = 'Откройте настройки расширения (ссылка ниже), возьмите код сопряжения у агента (egisz-agent pairing code) и введите его.';
  if (!paired) return { id: 'pairing', status: 'error', title, explanation: 'Этот браузер не сопряжён с агентом: агент не примет от него документы.', action };
  if (auth === 'refused') return { id: 'pairing', status: 'error', title, explanation: 'Агент не узнаёт этот браузер: сопряжение отозвано или агент переустановлен.', action };
  if (auth === 'ready') return { id: 'pairing', status: 'ok', title, explanation: 'Браузер сопряжён, агент его узнаёт.' };
  return { id: 'pairing', status: 'warning', title, explanation: 'Браузер сопряжён, но проверить сопряжение нельзя: агент не отвечает.' };
}

export interface SiteFacts {
  /** The MIS tab's host; undefined when the page was opened without one. */
  host?: string;
  profiled: boolean;
  disabled: boolean;
}

export function siteCheck(site: SiteFacts): DiagnosticCheck | undefined {
  if (!site.host) return undefined;
  const title = `Сайт ${site.host}`;
  if (site.disabled) return { id: 'site', status: 'warning', title, explanation: 'Расширение отключено на этом сайте.', action: 'Включите его во всплывающем окне расширения («Включить») и откройте страницу заново.' };
  if (site.profiled) return { id: 'site', status: 'ok', title, explanation: 'Для сайта есть профиль: поля формы известны, документы можно отправлять.' };
  return {
    id: 'site', status: 'warning', title, explanation: 'Для сайта нет профиля: поля формы ещё не подтверждены, отправка недоступна.',
    action: 'Откройте форму документа, проверьте найденные поля на панели и нажмите «Поля найдены верно» (или укажите поля вручную).',
  };
}
