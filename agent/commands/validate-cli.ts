/** `egisz-agent validate FILE.json`: argument handling around runValidateCommand. */
import { runValidateCommand } from './validate-command.ts';

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export async function run(args: string[], io: Io): Promise<number> {
  const [file, ...rest] = args;
  if (!file || rest.length > 0) {
    io.stderr('usage: egisz-agent validate FILE.json\n');
    return 2;
  }
  return runValidateCommand(file, io);
}
