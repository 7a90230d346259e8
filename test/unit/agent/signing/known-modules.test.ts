import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findInstalledModules, knownModules } from '../../../../agent/signing/known-modules.ts';

describe('knownModules', () => {
  it('lists the token families clinics use, each with Linux and Windows paths', () => {
    const modules = knownModules();
    expect(modules.map((m) => m.id)).toEqual(['rutoken', 'jacarta', 'cryptopro', 'softhsm2', 'opensc']);
    for (const m of modules) {
      expect(m.linux.length, m.id).toBeGreaterThan(0);
      expect(m.windows.length, m.id).toBeGreaterThan(0);
      expect(m.linux.every((p) => p.startsWith('/') && /\.so$/.test(p)), m.id).toBe(true);
      expect(m.windows.every((p) => /^[A-Z]:\\.*\.dll$/.test(p)), m.id).toBe(true);
    }
  });
});

describe('findInstalledModules', () => {
  it('finds the first existing path per module for the platform', () => {
    const present = new Set(['/usr/lib/x86_64-linux-gnu/librtpkcs11ecp.so', 'C:\\Windows\\System32\\jcPKCS11-2.dll']);
    const linux = findInstalledModules('linux', (p) => present.has(p));
    expect(linux.map((m) => [m.module.id, m.path])).toEqual([['rutoken', '/usr/lib/x86_64-linux-gnu/librtpkcs11ecp.so']]);
    const windows = findInstalledModules('win32', (p) => present.has(p));
    expect(windows.map((m) => m.module.id)).toEqual(['jacarta']);
  });

  it('finds SoftHSM2 on this machine, where the demo token needs it', () => {
    const found = findInstalledModules('linux').find((m) => m.module.id === 'softhsm2');
    expect(found && existsSync(found.path)).toBe(true);
  });
});
