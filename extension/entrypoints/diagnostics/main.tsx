import { render } from 'preact';
import { DiagnosticsPage } from '../../ui/diagnostics-page.tsx';
import '../../ui/page.css';

// #site=<address>: the MIS tab the popup was opened over; only its host is shown and judged.
render(<DiagnosticsPage site={new URLSearchParams(location.hash.replace(/^#/, '')).get('site') ?? undefined} />, document.getElementById('app')!);
