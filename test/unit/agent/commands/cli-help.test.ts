import { describe, expect, it } from 'vitest';
import { main } from '../../../../agent/cli.ts';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s) } };
}

describe('egisz-agent <command> --help', () => {
  it('prints the command\'s own summary and runs nothing (validate would read "--help" as a file)', async () => {
    const { out, io } = capture();
    expect(await main(['validate', '--help'], io)).toBe(0);
    expect(out.stdout).toContain('egisz-agent validate: validate a record file');
    expect(out.stderr).toBe('');
  });

  it('answers -h after other arguments too', async () => {
    const { out, io } = capture();
    expect(await main(['outbox', 'list', '-h'], io)).toBe(0);
    expect(out.stdout).toContain('egisz-agent outbox:');
  });

  it('still refuses an unknown command with the usage', async () => {
    const { out, io } = capture();
    expect(await main(['nonsense', '--help'], io)).toBe(2);
    expect(out.stderr).toContain('unknown command');
    expect(out.stdout).toContain('usage: egisz-agent');
  });
});
