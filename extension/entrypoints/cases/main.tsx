import { render } from 'preact';
import { CasesPage } from '../../ui/cases-page.tsx';
import '../../ui/page.css';

// ?snils=… opens one patient's cases; without it, the patients seen lately.
render(<CasesPage initialSnils={new URLSearchParams(location.search).get('snils') ?? ''} />, document.getElementById('app')!);
