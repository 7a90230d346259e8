import { describe, expect, it } from 'vitest';
import { builtinProfiles } from '../../../../extension/scrape/builtin-profiles.ts';
import { matchProfile } from '../../../../extension/scrape/match-profile.ts';
import type { SiteProfile } from '../../../../extension/scrape/site-profile.ts';

describe('matchProfile with the built-in profiles', () => {
  it.each([
    ['http://127.0.0.1:17346/demo/consultation.html', 'demo-mis-consultation'],
    ['http://localhost:40123/demo/consultation.html?patient=5#top', 'demo-mis-consultation'],
    ['https://mis.clinic.local/demo/consultation.html', 'demo-mis-consultation'],
    ['http://127.0.0.1:17346/demo/index.html', undefined],
    ['http://127.0.0.1:17346/demo/consultation.html/extra', undefined],
    ['http://127.0.0.1:17346/other/demo/consultation.html', undefined],
    ['file:///tmp/demo/consultation.html', undefined],
    ['chrome-extension://ogdmiibhdbcplfkdagfcbmjbgmjefcam/demo/consultation.html', undefined],
    ['not a url', undefined],
  ])('%s → %s', (address, id) => {
    expect(matchProfile(address, builtinProfiles)?.id).toBe(id);
  });
});

describe('matchProfile patterns', () => {
  const profile = (id: string, host: string, path: string): SiteProfile => ({
    id,
    title: id,
    match: { host, path },
    fields: [],
    constants: {},
    agentCompleted: [],
  });

  it('takes the first profile that fits, with globs in host and path and literal dots', () => {
    const profiles = [profile('promed', '*.promed.ru', '/form/*'), profile('any', '*', '*')];
    expect(matchProfile('https://ekb.promed.ru/form/visit/12', profiles)?.id).toBe('promed');
    expect(matchProfile('https://ekbXpromed.ru/form/visit', profiles)?.id).toBe('any');
  });
});
