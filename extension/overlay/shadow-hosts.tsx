/**
 * Mounts the marks and the panel in open shadow roots, so the page's CSS
 * cannot reach them and ours cannot reach the page. The panel uses WXT's
 * createShadowRootUi; marks, which come by the dozen, share one fetched
 * stylesheet text instead of one fetch each.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { BoundField } from '../scrape/scrape-record.ts';
import { FieldMark } from './field-mark.tsx';
import type { MarkHost, PanelHost } from './form-overlay.ts';
import { createMarkHost } from './mark-host.ts';
import { RecordPanel } from './record-panel.tsx';


let overlayCss: Promise<string> | undefined;
const loadOverlayCss = (): Promise<string> =>
  (overlayCss ??= fetch((browser.runtime.getURL as (path: string) => string)('/content-scripts/overlay.css'))
    .then((response) => response.text())
    .catch(() => ''));

export async function mountMark(ctx: ContentScriptContext, field: BoundField): Promise<MarkHost> {
  const { host, container } = createMarkHost(field, await loadOverlayCss());
  const remove = (): void => {
    render(null, container);
    host.remove();
  };
  ctx.onInvalidated(remove);
  return { host, render: (view, onFix) => render(<FieldMark {...view} onFix={onFix} />, container), remove };
}

export async function mountPanel(ctx: ContentScriptContext, doc: Document): Promise<PanelHost> {
  const ui = await createShadowRootUi(ctx, {
    name: 'egisz-panel',
    position: 'inline',
    anchor: doc.body,
    append: 'last',
    onMount: (container) => container,
    onRemove: (container) => container && render(null, container),
  });
  ui.shadowHost.dataset.egiszState = 'invalid';
  ui.mount();
  return { host: ui.shadowHost, render: (view, actions) => render(<RecordPanel view={view} actions={actions} />, ui.uiContainer) };
}
