import type { Browser } from 'wxt/browser';
import type { BackgroundRequest } from '../messaging/runtime-messages.ts';

/**
 * Who may ask the background what. Content scripts speak for an MIS tab, so
 * they must come from a real tab; everything else (PIN, pairing, job details)
 * is reserved for the extension's own pages.
 */
export type Caller =
  | { kind: 'tab'; tabId: number; frameId: number; origin: string; /** The tab's and the sending frame's addresses. */ addresses: string[] }
  | { kind: 'extension-page' };

const CONTENT_TYPES: ReadonlySet<string> = new Set(['overlay-needed', 'page-reader-needed', 'sign-and-send', 'watch-job', 'open-options']);
const PAGE_TYPES: ReadonlySet<string> = new Set([
  'job-details', 'confirm-sign', 'confirm-sign-batch', 'cancel-job', 'pair', 'unpair', 'status', 'certificates', 'queue',
  'cases', 'case-edit', 'diagnostics',
]);

/**
 * The caller, or undefined when the message must be dropped.
 * `extensionBase` is runtime.getURL('/'), e.g. "chrome-extension://<id>/"; compared as a
 * prefix because URL.origin is "null" for non-web schemes outside Chrome.
 */
export function admit(message: unknown, sender: Browser.runtime.MessageSender, extensionBase: string, extensionId: string): Caller | undefined {
  if (!isRequest(message) || sender.id !== extensionId) return undefined;
  const fromExtensionPage = sender.url?.startsWith(extensionBase) ?? false;
  if (PAGE_TYPES.has(message.type)) return fromExtensionPage ? { kind: 'extension-page' } : undefined;
  if (!CONTENT_TYPES.has(message.type) || fromExtensionPage) return undefined;
  const tab = sender.tab;
  const origin = originOf(tab?.url);
  if (tab?.id === undefined || tab.id < 0 || !origin?.startsWith('http')) return undefined;
  const addresses = [tab.url, sender.url].filter((a): a is string => typeof a === 'string');
  return { kind: 'tab', tabId: tab.id, frameId: sender.frameId ?? 0, origin, addresses };
}

function isRequest(message: unknown): message is BackgroundRequest {
  return typeof message === 'object' && message !== null && typeof (message as { type?: unknown }).type === 'string';
}

function originOf(address: string | undefined): string | undefined {
  if (!address) return undefined;
  try {
    return new URL(address).origin;
  } catch {
    return undefined;
  }
}
