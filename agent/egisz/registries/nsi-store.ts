/**
 * Local copies of NSI dictionaries, kept current from FNSI: `update(oid)`
 * finds the newest version, downloads its passport and every row, verifies
 * them (the row count equals the passport's rowsCount, every row has the
 * primary key) and stores <dir>/<oid>_<version>.json. Readers take the newest
 * verified copy on disk; a failed update leaves the previous one in place.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newestVersion, type FnsiClient, type NsiPassport, type NsiRow } from './fnsi-client.ts';
import { RegistryUnavailableError } from './registry-http.ts';

export interface StoredDictionary {
  passport: NsiPassport;
  rows: NsiRow[];
  /** ISO time of the download. */
  fetchedAt: string;
}

export class NsiVerificationError extends Error {}

export class NsiStore {
  private readonly dir: string;
  private readonly fnsi: FnsiClient;
  private readonly now: () => Date;
  private readonly inFlight = new Map<string, Promise<{ version: string; downloaded: boolean }>>();
  private readonly attempted = new Set<string>();

  constructor(dir: string, fnsi: FnsiClient, now: () => Date = () => new Date()) {
    this.dir = dir;
    this.fnsi = fnsi;
    this.now = now;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** Brings the dictionary to its newest version; answers the version stored and whether it was downloaded. */
  update(oid: string): Promise<{ version: string; downloaded: boolean }> {
    // One download per dictionary at a time: the daily update and a check waiting for a first copy share it.
    const running = this.inFlight.get(oid);
    if (running) return running;
    const download = this.download(oid).finally(() => {
      this.inFlight.delete(oid);
      this.attempted.add(oid);
    });
    this.inFlight.set(oid, download);
    return download;
  }

  /**
   * The stored copy; with none yet (an agent just installed or started), a
   * first download is awaited for at most `waitMs`, started if none ran. Once
   * one has failed, checks answer at once without a copy until the next update.
   */
  async available(oid: string, waitMs: number): Promise<StoredDictionary | undefined> {
    const stored = this.latest(oid);
    if (stored || (this.attempted.has(oid) && !this.inFlight.has(oid))) return stored;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    await Promise.race([this.update(oid).catch(() => undefined), gaveUp]);
    clearTimeout(timer);
    return this.latest(oid);
  }

  private async download(oid: string): Promise<{ version: string; downloaded: boolean }> {
    const newest = newestVersion(await this.fnsi.versions(oid));
    if (!newest) throw new RegistryUnavailableError('ФНСИ', `у справочника ${oid} нет версий`);
    if (existsSync(this.file(oid, newest.version))) {
      this.markChecked(oid);
      return { version: newest.version, downloaded: false };
    }
    const passport = await this.fnsi.passport(oid, newest.version);
    if (!passport) throw new RegistryUnavailableError('ФНСИ', `нет паспорта ${oid} ${newest.version}`);
    const rows = await this.fnsi.allRows(oid, newest.version);
    verify(passport, rows);
    const file = this.file(oid, newest.version);
    writeFileSync(`${file}.tmp`, JSON.stringify({ passport, rows, fetchedAt: this.now().toISOString() } satisfies StoredDictionary), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
    this.markChecked(oid);
    return { version: newest.version, downloaded: true };
  }

  /**
   * When FNSI last confirmed that the stored copy is the newest: a dictionary
   * whose version has not changed for months is still current.
   */
  private markChecked(oid: string): void {
    writeFileSync(checkedFile(this.dir, oid), this.now().toISOString(), { mode: 0o600 });
  }

  /** The newest stored copy, if any. */
  latest(oid: string): StoredDictionary | undefined {
    const prefix = `${oid}_`;
    const versions = readdirSync(this.dir).filter((f) => f.startsWith(prefix) && f.endsWith('.json')).map((f) => f.slice(prefix.length, -5));
    const newest = newestVersion(versions.map((version) => ({ version })));
    return newest && (JSON.parse(readFileSync(this.file(oid, newest.version), 'utf8')) as StoredDictionary);
  }

  private file(oid: string, version: string): string {
    return join(this.dir, `${oid}_${version}.json`);
  }
}

function verify(passport: NsiPassport, rows: NsiRow[]): void {
  if (rows.length !== passport.rowsCount) {
    throw new NsiVerificationError(`${passport.oid} ${passport.version}: получено строк ${rows.length}, в паспорте ${passport.rowsCount}`);
  }
  const key = passport.keys?.find((k) => k.type === 'PRIMARY')?.field;
  if (key && rows.some((r) => r[key] === undefined || r[key] === null || r[key] === '')) {
    throw new NsiVerificationError(`${passport.oid} ${passport.version}: строка без ключа ${key}`);
  }
}

/** `<dir>/<oid>.checked`: the ISO time of the last update that reached FNSI. */
export const checkedFile = (dir: string, oid: string): string => join(dir, `${oid}.checked`);

