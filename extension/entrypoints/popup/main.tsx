import { render } from 'preact';
import { PopupStatus } from '../../ui/popup-status.tsx';
import '../../ui/page.css';

render(<PopupStatus />, document.getElementById('app')!);
