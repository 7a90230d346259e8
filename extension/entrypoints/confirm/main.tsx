import { render } from 'preact';
import { ConfirmPage } from '../../ui/confirm-page.tsx';
import '../../ui/page.css';

const jobId = new URLSearchParams(location.search).get('job') ?? '';
render(<ConfirmPage jobId={jobId} />, document.getElementById('app')!);
