/**
 * `egisz-agent start [--demo]` and `egisz-agent sandbox`: run until SIGINT/SIGTERM.
 * Demo mode provisions the SoftHSM2 demo token in the data dir on first start
 * and prints where everything is, the token PIN and a pairing code.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startAgent, type RunningAgent } from '../agent.ts';
import { defaultDataDir, loadConfig, type AgentConfig } from '../config.ts';
import { demoDoctor, demoOrganization, demoToken } from '../demo/demo-clinic.ts';
import { createLogger } from '../log.ts';
import { startSandboxServer } from '../sandbox/sandbox-server.ts';
import { provisionSoftHsmToken } from '../signing/demo-token.ts';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export async function runStartCommand(args: string[], io: Io, mode: { sandboxOnly: boolean }): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      demo: { type: 'boolean', default: false },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      config: { type: 'string' },
      // Test stands only: the sandbox then lets requests without WS-Security through.
      'allow-unsigned': { type: 'boolean', default: false },
      // The sandbox alone: accredited CAs whose certificates it accepts (chain and CRL checked); none: any issuer.
      'trusted-ca': { type: 'string', multiple: true },
    },
  });
  const port = values.port === undefined ? undefined : values.port === 'per-user' ? perUserPort() : Number(values.port);
  const log = createLogger();
  if (mode.sandboxOnly) {
    const sandbox = await startSandboxServer({
      port: port ?? 17347, log, identityDir: join(values['data-dir'] ? resolve(values['data-dir']) : defaultDataDir(), 'sandbox'),
      sandbox: { wsSecurity: values['allow-unsigned'] ? 'verify-if-present' : 'require' },
      ...(values['trusted-ca'] ? { trustedCa: values['trusted-ca'].map((p) => resolve(p)) } : {}),
    });
    io.stdout(`ЕГИСЗ-песочница: ${sandbox.url}/sandbox/remd (реестр: ${sandbox.url}/sandbox/registry)\n`);
    io.stdout(`  Запросы без WS-Security: ${values['allow-unsigned'] ? 'принимаются (--allow-unsigned, только для тестов)' : 'отклоняются, как в ИПС'}\n`);
    io.stdout(`  Сертификат РЭМД для ответов (remdCertificate агента): ${sandbox.certificateFile}\n`);
    io.stdout(`  Аккредитованные УЦ: ${values['trusted-ca'] ? values['trusted-ca'].join(', ') + ' (цепочка и CRL проверяются)' : 'не заданы (--trusted-ca), издатель сертификата не проверяется'}\n`);
    return untilSignal(() => sandbox.close());
  }
  const config = loadConfig({ port, dataDir: values['data-dir'] && resolve(values['data-dir']), demo: values.demo, configFile: values.config });
  if (config.demo) await attachDemoToken(config);
  const agent = await startAgent(config, log);
  printBanner(io, agent, config);
  return untilSignal(() => agent.close());
}

async function attachDemoToken(config: AgentConfig): Promise<void> {
  const token = await provisionSoftHsmToken({
    dir: join(config.dataDir, 'demo-token'), label: demoToken.label, pin: demoToken.pin, soPin: demoToken.soPin,
    holder: demoDoctor, organization: demoOrganization,
  });
  config.token = { modulePath: token.modulePath, env: token.env, tokenLabel: demoToken.label };
}

function printBanner(io: Io, agent: RunningAgent, config: AgentConfig): void {
  const code = agent.pairing.issueCode();
  const lines = [
    `ЕГИСЗ-мост: агент запущен на ${agent.url}${config.demo ? ' (демо-режим)' : ''}`,
    ...(config.demo
      ? [
          `  Демо-МИС:         ${agent.url}/demo/consultation.html`,
          `                    направление: ${agent.url}/demo/referral.html, закрытие случая: ${agent.url}/demo/case.html`,
          `  Песочница ЕГИСЗ:  ${agent.url}/sandbox/registry`,
          `  Демо-токен:       ${demoToken.label}, PIN ${demoToken.pin}`,
        ]
      : []),
    `  Код сопряжения:   ${code}  (введите в настройках расширения; действует 10 минут)`,
    `                    новый код: egisz-agent pairing code --data-dir ${config.dataDir}`,
    `  Данные:           ${config.dataDir}`,
    '',
  ];
  io.stdout(lines.join('\n') + '\n');
}

/**
 * On a terminal server every OS user runs an agent of their own, with their
 * own data dir and pairing secrets; `--port per-user` gives each a stable
 * port of their own, derived from the uid, so they do not collide.
 */
export function perUserPort(uid = process.getuid?.() ?? 0): number {
  return 20000 + (uid % 40000);
}

function untilSignal(close: () => Promise<void>): Promise<number> {
  return new Promise((done) => {
    const stop = () => void close().then(() => done(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
