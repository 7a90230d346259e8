import type { SiteProfile } from './site-profile.ts';
import csp from './profiles/csp-mis.json' with { type: 'json' };
import demoCase from './profiles/demo-case.json' with { type: 'json' };
import demoMis from './profiles/demo-mis.json' with { type: 'json' };
import demoReferral from './profiles/demo-referral.json' with { type: 'json' };
import extjsCase from './profiles/extjs-case.json' with { type: 'json' };
import extjs from './profiles/extjs-rmis.json' with { type: 'json' };
import large from './profiles/large-ward.json' with { type: 'json' };
import legacy from './profiles/legacy-arm.json' with { type: 'json' };
import spa from './profiles/spa-clinic.json' with { type: 'json' };

/**
 * Profiles shipped with the extension, tried in order after the user's own:
 * the demo MIS (consultation 119, referral 185, closed case 42) and the MIS-like pages the tests use (test/fixtures/pages),
 * each a pattern for a kind of real MIS.
 */
export const builtinProfiles: readonly SiteProfile[] = [demoMis, demoReferral, demoCase, legacy, extjs, extjsCase, spa, csp, large] as SiteProfile[];
