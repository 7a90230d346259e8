import type { MarkState } from './field-state.ts';

export interface MarkView {
  state: MarkState;
  /** Russian messages about the field (or its group), most serious first. */
  messages: string[];
  /** Only the first mark of fields sharing one element draws; the others stay as bare hooks. */
  visible: boolean;
  /** A normalised value «Исправить» would write into the page's field. */
  fix?: string;
}

const ICON: Record<MarkState, string> = { ok: '✓', warning: '!', error: '✕', empty: '' };
const DEFAULT_TITLE: Record<MarkState, string> = {
  ok: 'Поле заполнено верно',
  warning: 'Проверьте поле',
  error: 'Ошибка в поле',
  empty: 'Поле не заполнено',
};

/** The badge right after a form field: an icon, and for problems the first message. */
export function FieldMark({ state, messages, visible, fix, onFix }: MarkView & { onFix?: () => void }) {
  if (!visible) return null;
  const title = messages.length > 0 ? messages.join('\n') : DEFAULT_TITLE[state];
  const text = state === 'error' || state === 'warning' ? messages[0] : undefined;
  return (
    <>
    <span class={`mark mark--${state}`} title={title} role="img" aria-label={title}>
      <span class="mark__icon" aria-hidden="true">
        {ICON[state]}
      </span>
      {text ? <span class="mark__text">{text}</span> : null}
    </span>
      {fix && onFix ? (
        <button type="button" class="mark__fix" data-egisz-action="fix" title={`Записать в поле: ${fix}`} onClick={onFix}>
          Исправить
        </button>
      ) : null}
    </>
  );
}
