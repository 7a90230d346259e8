/**
 * Mounts the marks and the panel in open shadow roots (WXT createShadowRootUi),
 * so the page's CSS cannot reach them and ours cannot reach the page.
 */
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { BoundField } from '../scrape/scrape-record.ts';
import { FieldMark } from './field-mark.tsx';
import type { MarkHost, PanelHost } from './form-overlay.ts';
import { RecordPanel } from './record-panel.tsx';

const MARK_TAG = 'egisz-mark';

/** Right after the field, behind marks already placed there, so marks of one element keep profile order. */
function placeAfter(anchor: Element, host: Element): void {
  let last = anchor;
  while (last.nextElementSibling?.localName === MARK_TAG) last = last.nextElementSibling;
  last.after(host);
}

export async function mountMark(ctx: ContentScriptContext, field: BoundField): Promise<MarkHost> {
  const ui = await createShadowRootUi(ctx, {
    name: MARK_TAG,
    position: 'inline',
    anchor: field.element,
    append: placeAfter,
    onMount: (container) => container,
    onRemove: (container) => container && render(null, container),
  });
  ui.shadowHost.dataset.egiszField = field.path;
  ui.shadowHost.dataset.egiszState = 'empty';
  ui.mount();
  return { host: ui.shadowHost, render: (view, onFix) => render(<FieldMark {...view} onFix={onFix} />, ui.uiContainer), remove: () => ui.remove() };
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
