import { defineConfig } from 'wxt';

/**
 * The extension's public key. It fixes the extension ID (ogdmiibhdbcplfkdagfcbmjbgmjefcam)
 * for every unpacked copy, so the agent can allow-list chrome-extension://<id>.
 * The ID is derived from it in shared/protocol/extension-id.ts.
 */
export const manifestKey =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA3t+HI9wO3tZiQ6XkPe4Qw3CBzT1gtRqvUyNuDzusBRu0nXcSaGl9aWYoRYUIP88W11AO7gTaRvN6kueT7z5222H8ahzGcIeo0GVJU3NgIK062zueafQ0NN47stg8tazPY9hyS01PbX3CDMlUzDoY1774WjX2MXFuc5mz9ynQHsY7Yo+eWt9hILTyvLYkNJ+uurUKynEhEl0fZaFpSQn809e9B09jjLykxu2qhmMctjQBxknsujD0SZ6+lhcx3EAaY1sIH7K/6pgRDaCplWNiWOhBACQXJ+3gkLhBjsB2eRjiFyzPeujALmGcXrCpQ+lfScOau2ocec3n+DQlPlhHfQIDAQAB';

/** The Firefox add-on ID; the moz-extension origin is random per profile unless pinned for this ID. */
export const FIREFOX_ADDON_ID = 'egisz-bridge@egisz.local';

export default defineConfig({
  srcDir: 'extension',
  modules: ['@wxt-dev/webextension-polyfill'],
  webExt: { disabled: true },
  manifest: ({ browser, manifestVersion }) => ({
    name: 'ЕГИСЗ-мост',
    description: 'Проверка, подпись КЭП и отправка медицинских документов в ЕГИСЗ (РЭМД) со страниц МИС',
    key: manifestKey,
    // scripting: the overlay is injected only into pages whose address matches a site profile.
    permissions: ['storage', 'tabs', 'scripting'],
    // Firefox MV3's default CSP upgrades ws://127.0.0.1 to wss:// and the agent becomes unreachable.
    ...(browser === 'firefox' && manifestVersion === 3
      ? { content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" } }
      : {}),
    // A fixed add-on ID, so a Firefox profile can pin the moz-extension UUID (pref extensions.webextensions.uuids).
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: { id: FIREFOX_ADDON_ID } } } : {}),
  }),
});
