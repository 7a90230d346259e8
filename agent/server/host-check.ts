/**
 * DNS-rebinding defence: a request is served only when its Host header names
 * this agent on loopback. A page on evil.example that re-resolves its name to
 * 127.0.0.1 still sends Host: evil.example, and is refused.
 */
import type { NextFunction, Request, Response } from 'express';

const loopbackNames = ['127.0.0.1', 'localhost', '[::1]'];

export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return loopbackNames.some((name) => host === `${name}:${port}`);
}

export function hostCheck(getPort: () => number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (isAllowedHost(req.headers.host, getPort())) return next();
    res.status(421).type('text/plain; charset=utf-8').send('Misdirected request: unknown Host');
  };
}
