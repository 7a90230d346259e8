import type { SiteProfile } from './site-profile.ts';
import demoMis from './profiles/demo-mis.json' with { type: 'json' };

/** Profiles shipped with the extension, tried in order. */
export const builtinProfiles: readonly SiteProfile[] = [demoMis as SiteProfile];
