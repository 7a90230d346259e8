import { useRef, useState } from 'preact/hooks';
import type { Failure } from '../messaging/runtime-messages.ts';

interface PinFormProps {
  label: string;
  submitLabel: string;
  /** Signs with this PIN; the page applies a success itself, the form shows a failure. */
  sign: (pin: string) => Promise<{ ok: true } | Failure>;
  onCancel: () => void;
}

/**
 * The token PIN and the sign button of the confirm pages. The PIN is read from
 * the field on submit, handed to `sign` once and cleared at once: it never
 * lives in component state, and a wrong PIN leaves an empty field to retry.
 */
export function PinForm({ label, submitLabel, sign, onCancel }: PinFormProps) {
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);
  const pin = useRef<HTMLInputElement>(null);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const field = pin.current;
    if (!field || field.value === '') return setError('Введите PIN-код токена');
    const reply = sign(field.value);
    field.value = '';
    setSending(true);
    setError(undefined);
    const outcome = await reply;
    setSending(false);
    if (!outcome.ok) {
      setError(outcome.message);
      field.focus();
    }
  }

  return (
    <form class="card pin-form" onSubmit={submit}>
      <label for="pin">{label}</label>
      <input id="pin" ref={pin} type="password" autocomplete="off" data-egisz-input="pin" disabled={sending} autofocus />
      {error ? <p class="alert" role="alert">{error}</p> : null}
      <div class="actions">
        <button type="submit" class="primary" data-egisz-action="confirm" disabled={sending}>
          {sending ? 'Подписание…' : submitLabel}
        </button>
        <button type="button" onClick={onCancel} disabled={sending}>
          Отмена
        </button>
      </div>
    </form>
  );
}
