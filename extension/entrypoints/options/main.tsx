import { render } from 'preact';
import { PairingPage } from '../../ui/pairing-page.tsx';
import { SiteProfilesSection } from '../../ui/site-profiles-section.tsx';
import '../../ui/page.css';

render(
  <>
    <PairingPage />
    <main class="page page--narrow">
      <SiteProfilesSection />
    </main>
  </>,
  document.getElementById('app')!,
);
