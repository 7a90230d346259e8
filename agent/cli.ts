/**
 * `egisz-agent` — the command line. Each command lives in agent/commands/;
 * this file only dispatches and turns failures into a clear message and an
 * exit code, never a stack trace.
 */
import { runStartCommand } from './commands/start-command.ts';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

type Command = (args: string[], io: Io) => Promise<number>;

const commands: Record<string, { summary: string; run: Command }> = {
  start: { summary: 'run the agent (--demo adds the sandbox, demo token and demo MIS)', run: (a, io) => runStartCommand(a, io, { sandboxOnly: false }) },
  sandbox: { summary: 'run the EGISZ sandbox alone', run: (a, io) => runStartCommand(a, io, { sandboxOnly: true }) },
  validate: { summary: 'validate a record file: validate FILE.json', run: lazy('./commands/validate-cli.ts') },
  journal: { summary: 'check the audit journal: journal verify', run: lazy('./commands/journal-command.ts') },
  pairing: { summary: 'pair extensions with the running agent: pairing code|list|revoke CLIENTID', run: lazy('./commands/pairing-command.ts') },
  certs: { summary: 'list tokens and certificates with their warnings: certs [--module LIB]', run: lazy('./commands/certs-command.ts') },
  sign: { summary: 'sign a file detached (CAdES-BES): sign FILE -o FILE.sig [--module LIB]', run: lazy('./commands/sign-command.ts') },
  semd: { summary: 'build or check a SEMD: semd build FILE.json [--kind K] [-o out.xml] | semd check out.xml', run: lazy('./commands/semd-command.ts') },
  outbox: { summary: 'the running agent\'s queue: outbox list|show|retry|cancel|purge [LOCALUID]', run: lazy('./commands/outbox-command.ts') },
  cases: { summary: 'the automatic IEMK case sync of the running agent: cases iemk-sync [--json]', run: lazy('./commands/cases-command.ts') },
  doctor: { summary: 'diagnostics for the support desk, with or without a running agent: doctor [--json]', run: lazy('./commands/doctor-command.ts') },
  submit: { summary: 'queue records through the running agent: submit FILE.json… [--kind K] [--pin-env VAR]', run: lazy('./commands/submit-command.ts') },
};

function lazy(module: string): Command {
  return async (args, io) => ((await import(module)) as { run: Command }).run(args, io);
}

function usage(io: Io): void {
  io.stdout('usage: egisz-agent <command> [options]\n\n');
  for (const [name, c] of Object.entries(commands)) io.stdout(`  ${name.padEnd(10)} ${c.summary}\n`);
  io.stdout('\n--data-dir DIR: start, sandbox, journal and the commands that reach the running agent (pairing, outbox, cases, submit, doctor)\n--port N: start, sandbox, doctor\n');
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    usage(io);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`egisz-agent: unknown command "${name}"\n`);
    usage(io);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`egisz-agent ${name}: ${command.summary}\nThe options of every command: README.md, «The agent's command line».\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    io.stderr(`egisz-agent ${name}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}

/** Entry from bin/egisz-agent.js. Long-running commands keep the process alive themselves. */
export function runCli(): void {
  const io: Io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };
  void main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
