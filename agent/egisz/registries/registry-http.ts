/**
 * GET JSON from a federal registry. A registry that does not answer, answers
 * 5xx or garbage is `RegistryUnavailableError` (pre-flight then warns and
 * goes on); 404 means "no such record" and answers undefined.
 */
export class RegistryUnavailableError extends Error {
  readonly registry: string;

  constructor(registry: string, reason: string) {
    super(`${registry}: ${reason}`);
    this.name = 'RegistryUnavailableError';
    this.registry = registry;
  }
}

export interface RegistryHttpOptions {
  /** Registry name for errors and logs: FRMR, FRMO, FNSI, ГИП. */
  registry: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 5_000;

export async function getJson<T>(url: string, opts: RegistryHttpOptions): Promise<T | undefined> {
  let response: Response;
  try {
    response = await (opts.fetch ?? fetch)(url, {
      headers: { accept: 'application/json', ...opts.headers },
      signal: AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (e) {
    throw new RegistryUnavailableError(opts.registry, (e as Error).message);
  }
  if (response.status === 404) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new RegistryUnavailableError(opts.registry, `HTTP ${response.status}`);
  }
  try {
    return (await response.json()) as T;
  } catch {
    throw new RegistryUnavailableError(opts.registry, 'ответ не JSON');
  }
}

/** base + path + query, skipping undefined parameters. */
export function registryUrl(base: string, path: string, query: Record<string, string | number | undefined>): string {
  const url = new URL(base.replace(/\/$/, '') + path);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
  return url.toString();
}
