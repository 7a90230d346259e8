import { useEffect, useState } from 'preact/hooks';
import type { SiteProfile } from '../scrape/site-profile.ts';
import {
  exportProfiles, importProfiles, loadDisabledSites, loadUserProfiles, parseProfilesFile, removeUserProfile, setSiteDisabled,
} from '../scrape/site-settings.ts';

/**
 * Options page: the user's own site profiles (made with the field mapper or
 * imported) with export and import as JSON files, and the sites where the
 * extension was switched off.
 */
export function SiteProfilesSection() {
  const [profiles, setProfiles] = useState<SiteProfile[]>([]);
  const [disabled, setDisabled] = useState<string[]>([]);
  const [message, setMessage] = useState<{ text: string; error: boolean }>();

  const reload = async (): Promise<void> => {
    setProfiles(await loadUserProfiles());
    setDisabled(await loadDisabledSites());
  };
  useEffect(() => void reload(), []);

  async function importFile(event: Event): Promise<void> {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const parsed = parseProfilesFile(await file.text());
    if (!parsed.ok) return setMessage({ text: `Файл не принят: ${parsed.errors.slice(0, 5).join('; ')}`, error: true });
    await importProfiles(parsed.profiles);
    setMessage({ text: `Импортировано профилей: ${parsed.profiles.length}`, error: false });
    await reload();
  }

  return (
    <section class="card" aria-label="Профили сайтов">
      <h2>Профили сайтов МИС</h2>
      {profiles.length === 0 ? <p class="muted">Своих профилей пока нет: их создаёт кнопка «Указать на странице» в панели.</p> : null}
      <ul class="profiles" data-egisz-profiles="">
        {profiles.map((profile) => (
          <li key={profile.id}>
            <span>
              <b>{profile.title}</b> · {profile.match.host}{profile.match.path} · полей: {profile.fields.length}
              {profile.repeat?.length ? ` · в строках таблиц: ${profile.repeat.reduce((n, group) => n + group.fields.length, 0)}` : ''}
            </span>
            <button type="button" onClick={() => void removeUserProfile(profile.id).then(reload)}>Удалить</button>
          </li>
        ))}
      </ul>
      <div class="actions">
        <button type="button" disabled={profiles.length === 0} data-egisz-action="export-profiles" onClick={() => download(exportProfiles(profiles))}>
          Экспортировать в файл
        </button>
        <label class="file-button">
          Импортировать из файла
          <input type="file" accept="application/json,.json" data-egisz-input="import-profiles" onChange={(e) => void importFile(e)} />
        </label>
      </div>
      {message ? <p class={message.error ? 'alert' : 'note'} role="status">{message.text}</p> : null}
      {disabled.length > 0 ? (
        <>
          <h3>Отключено на сайтах</h3>
          <ul class="profiles">
            {disabled.map((host) => (
              <li key={host}>
                <span>{host}</span>
                <button type="button" onClick={() => void setSiteDisabled(host, false).then(reload)}>Включить</button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function download(text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'egisz-site-profiles.json';
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
