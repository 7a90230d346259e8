import { browser } from 'wxt/browser';
import type { BackgroundPush, Failure, PageToBackground } from '../messaging/runtime-messages.ts';

/** A request from an extension page; a dead or silent background becomes a Failure, not an exception. */
export async function askBackground<T extends { ok: boolean }>(message: PageToBackground): Promise<T | Failure> {
  try {
    const reply = (await browser.runtime.sendMessage(message)) as T | undefined;
    return reply ?? unreachable;
  } catch {
    return unreachable;
  }
}

const unreachable: Failure = { ok: false, code: 'EXTENSION_INTERNAL', message: 'Фоновая часть расширения не отвечает. Перезагрузите расширение.' };

/** Subscribes to the background's job pushes; returns the unsubscribe function. */
export function onBackgroundPush(listener: (push: BackgroundPush) => void): () => void {
  const handler = (message: unknown): undefined => {
    const type = (message as { type?: unknown } | null)?.type;
    if (type === 'job-update' || type === 'job-cancelled') listener(message as BackgroundPush);
    return undefined;
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
}
