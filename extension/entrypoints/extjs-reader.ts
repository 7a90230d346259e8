/**
 * Runs in the page's own world (injected with scripting.executeScript, world
 * MAIN) on ExtJS pages. It only reads: for each component query it answers the
 * component's value, raw text and the id of its input element. No globals, no
 * writes to the page.
 */
interface ExtComponent {
  getValue?(): unknown;
  getRawValue?(): unknown;
  inputEl?: { dom?: Element };
  el?: { dom?: Element };
}
interface ExtGlobal {
  ComponentQuery?: { query(selector: string): ExtComponent[] };
}

export default defineUnlistedScript(() => {
  if (readerPresent()) return;
  document.addEventListener('egisz:extjs-ask', (event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    if (typeof detail !== 'string') return;
    const ext = (window as unknown as { Ext?: ExtGlobal }).Ext;
    const answer: Record<string, { inputId?: string; value: string; raw: string }> = {};
    for (const query of JSON.parse(detail) as string[]) {
      const component = safely(() => ext?.ComponentQuery?.query(query)[0]);
      if (!component) continue;
      const input = component.inputEl?.dom ?? component.el?.dom;
      answer[query] = {
        inputId: input?.id,
        value: asText(safely(() => component.getValue?.())),
        raw: asText(safely(() => component.getRawValue?.())),
      };
    }
    document.dispatchEvent(new CustomEvent('egisz:extjs-answer', { detail: JSON.stringify(answer) }));
  });
});

/** Injected twice (a second overlay start), the reader must answer once: ask whether one answers already. */
function readerPresent(): boolean {
  let answered = false;
  const listen = (): void => {
    answered = true;
  };
  document.addEventListener('egisz:extjs-answer', listen);
  document.dispatchEvent(new CustomEvent('egisz:extjs-ask', { detail: '[]' }));
  document.removeEventListener('egisz:extjs-answer', listen);
  return answered;
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** Dates (Ext date fields) as YYYY-MM-DD in local time; nothing as ''. */
function asText(value: unknown): string {
  if (value instanceof Date) {
    const pad = (n: number): string => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return value === null || value === undefined ? '' : String(value);
}
