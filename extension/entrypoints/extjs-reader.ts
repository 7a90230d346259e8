/**
 * Runs in the page's own world (injected with scripting.executeScript, world
 * MAIN) on ExtJS pages. It only reads: for each component query it answers the
 * component's value, raw text and the id of its input element. No globals, no
 * writes to the page.
 */
interface ExtComponent {
  xtype?: string;
  getXType?(): string;
  itemId?: string;
  id?: string;
  getValue?(): unknown;
  getRawValue?(): unknown;
  inputEl?: { dom?: Element };
  el?: { dom?: Element };
}
interface ExtGlobal {
  /** Ext 4 and later. */
  ComponentQuery?: { query(selector: string): ExtComponent[] };
  /** Ext 2 and 3 (older Promed and БАРС builds): the registry without a query language. */
  ComponentMgr?: { all?: { items?: ExtComponent[] } };
}

export default defineUnlistedScript(() => {
  if (readerPresent()) return;
  document.addEventListener('egisz:extjs-ask', (event) => {
    const detail = (event as CustomEvent<unknown>).detail;
    if (typeof detail !== 'string') return;
    const ext = (window as unknown as { Ext?: ExtGlobal }).Ext;
    const answer: Record<string, { inputId?: string; value: string; raw: string }> = {};
    for (const query of JSON.parse(detail) as string[]) {
      const component = safely(() => (ext?.ComponentQuery ? ext.ComponentQuery.query(query)[0] : legacyQuery(ext, query)));
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

/**
 * The simple queries profiles use — `xtype`, `xtype[attr=value]`, `#itemId` —
 * over Ext 2/3's ComponentMgr, which has no ComponentQuery.
 */
function legacyQuery(ext: ExtGlobal | undefined, query: string): ExtComponent | undefined {
  const parts = /^(\w+)?(?:\[(\w+)=["']?([^\]"']+)["']?\])?$|^#([\w-]+)$/.exec(query.trim());
  if (!parts) return undefined;
  const [, xtype, attr, value, itemId] = parts;
  return (ext?.ComponentMgr?.all?.items ?? []).find((c) => {
    if (itemId) return c.itemId === itemId || c.id === itemId;
    if (xtype && (c.getXType?.() ?? c.xtype) !== xtype) return false;
    return !attr || String((c as Record<string, unknown>)[attr]) === value;
  });
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
