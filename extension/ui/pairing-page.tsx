import { useEffect, useRef, useState } from 'preact/hooks';
import { DEFAULT_AGENT_PORT } from '../../shared/protocol/extension-id.ts';
import type { DoneReply, PairReply, StatusReply } from '../messaging/runtime-messages.ts';
import { askBackground } from './ask-background.ts';
import { portFromHash } from './options-link.ts';

const BAD_PORT = 'Порт — целое число от 1 до 65535';

/**
 * Options page: pair this browser with the local agent using the code the
 * agent shows. The page's address may name the port (options.html#port=N).
 */
export function PairingPage({ hash = location.hash }: { hash?: string }) {
  const linked = portFromHash(hash);
  const [paired, setPaired] = useState<boolean>();
  const [port, setPort] = useState(String(typeof linked === 'number' ? linked : DEFAULT_AGENT_PORT));
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>(
    linked === 'invalid' ? { text: `В адресе страницы неверный порт агента. ${BAD_PORT}: укажите его вручную.`, error: true } : undefined,
  );
  const [busy, setBusy] = useState(false);
  // The stored port must not overwrite the one the page was opened with, nor what the user (or a test) typed before the status came back.
  const portTyped = useRef(typeof linked === 'number');

  useEffect(() => {
    void askBackground<StatusReply>({ type: 'status' }).then((reply) => {
      if (!reply.ok) return setMessage({ text: reply.message, error: true });
      setPaired(reply.paired);
      if (!portTyped.current) setPort(String(reply.port));
    });
  }, []);

  async function pair(event: Event): Promise<void> {
    event.preventDefault();
    const portNumber = Number(port);
    if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) {
      return setMessage({ text: BAD_PORT, error: true });
    }
    setBusy(true);
    const reply = await askBackground<PairReply>({ type: 'pair', port: portNumber, code });
    setBusy(false);
    if (!reply.ok) return setMessage({ text: reply.message, error: true });
    setPaired(true);
    setCode('');
    setMessage({ text: 'Расширение сопряжено с агентом', error: false });
  }

  async function unpair(): Promise<void> {
    await askBackground<DoneReply>({ type: 'unpair' });
    setPaired(false);
    setMessage({ text: 'Сопряжение отменено', error: false });
  }

  return (
    <main class="page page--narrow">
      <h1>ЕГИСЗ-мост: сопряжение с агентом</h1>
      {/* No data-egisz-pairing until the background has answered: tests wait on it. */}
      <p class={`pairing pairing--${paired ? 'on' : 'off'}`} data-egisz-pairing={paired === undefined ? undefined : paired ? 'paired' : 'unpaired'}>
        {paired === undefined ? 'Проверка…' : paired ? 'Сопряжено с агентом' : 'Не сопряжено'}
      </p>
      <form class="card" onSubmit={pair}>
        <label for="port">Порт агента на этом компьютере</label>
        <input id="port" inputMode="numeric" value={port} onInput={(e) => {
            portTyped.current = true;
            setPort(e.currentTarget.value);
          }} data-egisz-input="agent-port" />
        <label for="code">Код сопряжения (его показывает агент)</label>
        <input id="code" autocomplete="off" value={code} onInput={(e) => setCode(e.currentTarget.value)} data-egisz-input="pairing-code" placeholder="123-456" />
        <div class="actions">
          <button type="submit" class="primary" data-egisz-action="pair" disabled={busy || code.trim() === ''}>
            {busy ? 'Сопряжение…' : 'Сопрячь'}
          </button>
          {paired ? (
            <button type="button" onClick={unpair} data-egisz-action="unpair">
              Отменить сопряжение
            </button>
          ) : null}
        </div>
        {message ? <p class={message.error ? 'alert' : 'note'} role="status">{message.text}</p> : null}
      </form>
    </main>
  );
}
