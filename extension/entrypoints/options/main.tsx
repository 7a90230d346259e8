import { render } from 'preact';
import { PairingPage } from '../../ui/pairing-page.tsx';
import '../../ui/page.css';

render(<PairingPage />, document.getElementById('app')!);
