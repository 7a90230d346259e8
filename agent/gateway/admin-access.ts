/**
 * Local admin access for `egisz-agent outbox|submit`: at start the agent
 * writes <data-dir>/admin.json (mode 0600: the owner only) with its URL and a
 * fresh random token; the CLI reads it and sends `Authorization: Bearer`.
 * Only someone who can read the data dir can drive the agent's outbox.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

export interface AdminAccess {
  url: string;
  token: string;
  pid: number;
}

export const adminFile = (dataDir: string) => join(dataDir, 'admin.json');

export function publishAdminAccess(dataDir: string, url: string): AdminAccess {
  const access: AdminAccess = { url, token: randomBytes(32).toString('hex'), pid: process.pid };
  const file = adminFile(dataDir);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(access), { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
  return access;
}

/** The running agent's access, or undefined when none has started with this data dir. */
export function readAdminAccess(dataDir: string): AdminAccess | undefined {
  try {
    return JSON.parse(readFileSync(adminFile(dataDir), 'utf8')) as AdminAccess;
  } catch {
    return undefined;
  }
}

export function requireAdminToken(token: string) {
  const expected = Buffer.from(`Bearer ${token}`);
  return (req: Request, res: Response, next: NextFunction): void => {
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    res.status(401).json({ code: 'ADMIN_UNAUTHORIZED', message: 'Нет доступа: токен администратора не совпадает (см. admin.json в каталоге данных).' });
  };
}
