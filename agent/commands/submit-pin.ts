/**
 * The PIN for `egisz-agent submit`: from the environment variable named by
 * --pin-env, else the first line of stdin (a pipe, or typed at a terminal
 * without echo). Never from argv.
 */
import { createInterface } from 'node:readline';

interface Io {
  stderr: (s: string) => void;
}

export async function readPin(envName: string | undefined, io: Io): Promise<string | undefined> {
  if (envName) return process.env[envName] || undefined;
  const stdin = process.stdin;
  if (stdin.isTTY) io.stderr('PIN-код токена: ');
  const muted = stdin.isTTY;
  if (muted) stdin.setRawMode(true);
  try {
    return muted ? await readHidden() : await readFirstLine();
  } finally {
    if (muted) stdin.setRawMode(false);
    stdin.pause();
  }
}

async function readFirstLine(): Promise<string | undefined> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line.trim() || undefined;
  }
  return undefined;
}

function readHidden(): Promise<string | undefined> {
  return new Promise((done) => {
    let pin = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          process.stdin.off('data', onData);
          process.stderr.write('\n');
          return done(pin || undefined);
        }
        if (ch === '\u0003') process.exit(130);
        pin = ch === '\u007f' ? pin.slice(0, -1) : pin + ch;
      }
    };
    process.stdin.on('data', onData);
    process.stdin.resume();
  });
}
