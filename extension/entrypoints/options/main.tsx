import { render } from 'preact';
import { PairingPage } from '../../ui/pairing-page.tsx';
import { DiagnosticsLink } from '../../ui/diagnostics-link.tsx';
import { SiteProfilesSection } from '../../ui/site-profiles-section.tsx';
import '../../ui/page.css';

render(
  <>
    <PairingPage />
    <main class="page page--narrow">
      <SiteProfilesSection />
      <DiagnosticsLink />
    </main>
  </>,
  document.getElementById('app')!,
);
