/**
 * ФНСИ (nsi.rosminzdrav.ru) over its REST API (egisz.md §4.1):
 *   GET /port/rest/passport?userKey&identifier&version → the passport;
 *   GET /port/rest/versions?userKey&identifier&page&size → {total, list:[{version, publishDate…}]};
 *   GET /port/rest/data?userKey&identifier&version&page&size → {result:"OK", total, list:[[{column,value}…]…]}.
 * `size` is at most 2000 per page.
 */
import { getJson, registryUrl, RegistryUnavailableError } from './registry-http.ts';

export interface NsiPassport {
  oid: string;
  version: string;
  rowsCount: number;
  fullName?: string;
  shortName?: string;
  fields?: { field: string; dataType?: string }[];
  keys?: { field: string; type: 'PRIMARY' | 'VALUE' | 'FOREIGN' | string }[];
  publishDate?: string;
}

export interface NsiVersion {
  version: string;
  publishDate?: string;
  createDate?: string;
}

export type NsiRow = Record<string, string | null>;

export interface FnsiOptions {
  /** e.g. https://nsi.rosminzdrav.ru */
  baseUrl: string;
  userKey?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const PAGE_SIZE = 500;

export class FnsiClient {
  private readonly opts: FnsiOptions;

  constructor(opts: FnsiOptions) {
    this.opts = opts;
  }

  async passport(oid: string, version?: string): Promise<NsiPassport | undefined> {
    return this.get<NsiPassport>('/port/rest/passport', { identifier: oid, version });
  }

  async versions(oid: string): Promise<NsiVersion[]> {
    const body = await this.get<{ list?: NsiVersion[] }>('/port/rest/versions', { identifier: oid, page: 1, size: 200 });
    return body?.list ?? [];
  }

  /** One page of rows, each as {column: value}. */
  async dataPage(oid: string, version: string, page: number, size = PAGE_SIZE): Promise<{ total: number; rows: NsiRow[] }> {
    const body = await this.get<{ result?: string; total?: number; list?: { column: string; value: string | null }[][] }>(
      '/port/rest/data', { identifier: oid, version, page, size },
    );
    if (!body || body.result !== 'OK' || !Array.isArray(body.list)) throw new RegistryUnavailableError('ФНСИ', `нет данных ${oid} ${version}`);
    return { total: body.total ?? body.list.length, rows: body.list.map((cells) => Object.fromEntries(cells.map((c) => [c.column, c.value]))) };
  }

  /** Every row of a version, page after page. */
  async allRows(oid: string, version: string): Promise<NsiRow[]> {
    const rows: NsiRow[] = [];
    for (let page = 1; ; page++) {
      const chunk = await this.dataPage(oid, version, page);
      rows.push(...chunk.rows);
      if (!chunk.rows.length || rows.length >= chunk.total) return rows;
    }
  }

  private get<T>(path: string, query: Record<string, string | number | undefined>): Promise<T | undefined> {
    return getJson<T>(registryUrl(this.opts.baseUrl, path, { userKey: this.opts.userKey, ...query }), {
      registry: 'ФНСИ', fetch: this.opts.fetch, timeoutMs: this.opts.timeoutMs ?? 15_000,
    });
  }
}

/** FNSI writes dates as dd.mm.yyyy (sometimes with a time); ISO is accepted too. YYYY-MM-DD or undefined. */
export function fnsiDay(value: string | null | undefined): string | undefined {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})/.exec(value ?? '');
  if (m) return `${m[3]}-${m[2]}-${m[1]}`;
  return /^\d{4}-\d{2}-\d{2}/.test(value ?? '') ? value!.slice(0, 10) : undefined;
}

/** The newest version: latest publishDate, else the highest version number. */
export function newestVersion(versions: readonly NsiVersion[]): NsiVersion | undefined {
  const byNumber = (v: string) => v.split('.').map(Number);
  return [...versions].sort((a, b) => {
    const pa = a.publishDate ?? '', pb = b.publishDate ?? '';
    if (pa !== pb) return pa < pb ? 1 : -1;
    const [xa, xb] = [byNumber(a.version), byNumber(b.version)];
    for (let i = 0; i < Math.max(xa.length, xb.length); i++) if ((xa[i] ?? 0) !== (xb[i] ?? 0)) return (xb[i] ?? 0) - (xa[i] ?? 0);
    return 0;
  })[0];
}
