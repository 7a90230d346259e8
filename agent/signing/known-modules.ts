/**
 * The PKCS#11 modules the agent knows (known-modules.json) and which of them
 * are installed here, so `egisz-agent certs` can suggest a module path.
 */
import { existsSync, readFileSync } from 'node:fs';

export interface KnownModule {
  /** Stable id, e.g. "rutoken". */
  id: string;
  /** Name shown to the user (Russian). */
  name: string;
  /** Key algorithms the tokens of this module carry (KeyAlgorithm values). */
  algorithms: string[];
  note?: string;
  /** Usual absolute paths of the module file, per platform. */
  linux: string[];
  windows: string[];
}

export interface InstalledModule {
  module: KnownModule;
  path: string;
}

const file = new URL('./known-modules.json', import.meta.url);

export function knownModules(): KnownModule[] {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { modules: KnownModule[] };
  return data.modules;
}

/** Known modules whose file exists on this machine, in the order of the list (first path found per module). */
export function findInstalledModules(
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
): InstalledModule[] {
  const key = platform === 'win32' ? 'windows' : 'linux';
  return knownModules().flatMap((module) => {
    const path = module[key].find((p) => exists(p));
    return path ? [{ module, path }] : [];
  });
}
