/**
 * Who listens on a loopback TCP port, for `egisz-agent doctor` when the agent
 * does not answer: often an agent of another data dir, or another program.
 * Linux only (/proc); only the processes of this OS user are visible.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createConnection } from 'node:net';

export interface PortOwner {
  pid: number;
  /** The command line, cut to 200 characters. */
  command: string;
}

/** Whether something accepts connections on 127.0.0.1:port. */
export function portInUse(port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port, timeout: timeoutMs });
    const done = (used: boolean) => { socket.destroy(); resolve(used); };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

export function portOwner(port: number, proc = '/proc'): PortOwner | undefined {
  const inodes = listeningInodes(port, proc);
  if (!inodes.size) return undefined;
  for (const pid of safe(() => readdirSync(proc), []).filter((d) => /^\d+$/.test(d))) {
    const fds = safe(() => readdirSync(`${proc}/${pid}/fd`), []);
    const owns = fds.some((fd) => {
      const target = safe(() => readlinkSync(`${proc}/${pid}/fd/${fd}`), '');
      return inodes.has(/^socket:\[(\d+)\]$/.exec(target)?.[1] ?? '');
    });
    if (owns) {
      const command = safe(() => readFileSync(`${proc}/${pid}/cmdline`, 'utf8'), '').split('\0').join(' ').trim();
      return { pid: Number(pid), command: command.slice(0, 200) };
    }
  }
  return undefined;
}

/** Socket inodes in LISTEN state (0A) on the port, IPv4 and IPv6. */
function listeningInodes(port: number, proc: string): Set<string> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes = new Set<string>();
  for (const table of ['tcp', 'tcp6']) {
    for (const line of safe(() => readFileSync(`${proc}/net/${table}`, 'utf8'), '').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A' && cols[9]) inodes.add(cols[9]);
    }
  }
  return inodes;
}

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
