/**
 * The token module for `certs` and `sign`: --module LIB, or the first known
 * module installed on this machine (agent/signing/known-modules.json).
 * The module's own settings (e.g. SOFTHSM2_CONF) come from the environment.
 */
import { findInstalledModules } from '../signing/known-modules.ts';
import type { TokenModuleConfig } from '../signing/token-client.ts';

export function tokenModuleConfig(modulePath: string | undefined, tokenLabel: string | undefined): TokenModuleConfig {
  const path = modulePath ?? findInstalledModules()[0]?.path;
  if (!path) throw new Error('no PKCS#11 module found: name one with --module (see agent/signing/known-modules.json)');
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  return { modulePath: path, env, tokenLabel };
}

/** The PIN from the variable named by --pin-env, else the first line of stdin; never from argv. */
export async function readPin(pinEnv: string | undefined, stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  if (pinEnv) {
    const pin = process.env[pinEnv];
    if (!pin) throw new Error(`--pin-env ${pinEnv}: the variable is empty or not set`);
    return pin;
  }
  let text = '';
  for await (const chunk of stdin) {
    text += chunk.toString();
    if (text.includes('\n')) break;
  }
  const pin = text.split('\n')[0]!.trim();
  if (!pin) throw new Error('no PIN on standard input (or use --pin-env VAR)');
  return pin;
}
