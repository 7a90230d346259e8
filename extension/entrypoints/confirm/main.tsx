import { render } from 'preact';
import { BatchConfirmPage } from '../../ui/batch-confirm-page.tsx';
import { ConfirmPage } from '../../ui/confirm-page.tsx';
import '../../ui/page.css';

// ?job=ID confirms one document; ?jobs=ID,ID,… signs several with one PIN.
const params = new URLSearchParams(location.search);
const batch = params.get('jobs');
const app = document.getElementById('app')!;
if (batch) render(<BatchConfirmPage jobIds={batch.split(',').filter(Boolean)} />, app);
else render(<ConfirmPage jobId={params.get('job') ?? ''} />, app);
