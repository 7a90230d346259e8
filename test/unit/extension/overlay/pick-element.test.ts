// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { pickElement } from '../../../../extension/overlay/pick-element.ts';

beforeEach(() => {
  document.body.innerHTML = '<egisz-panel><button id="own">Отмена</button></egisz-panel><a href="#go" id="link">ссылка</a><b class="who">112-233-445 95</b>';
});

describe('pickElement (the mapper’s click)', () => {
  it('takes the clicked element, keeps the click from the page, ignores our own UI and outlines the hovered element', async () => {
    const pageClick = vi.fn();
    document.body.addEventListener('click', pageClick);
    const picked = pickElement([document], new AbortController().signal);
    document.querySelector('#own')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    document.querySelector('.who')!.dispatchEvent(new MouseEvent('mouseover', { bubbles: true, composed: true }));
    expect(document.querySelector('egisz-pick')).not.toBeNull();
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    document.querySelector('.who')!.dispatchEvent(click);
    expect(await picked).toBe(document.querySelector('.who'));
    expect(click.defaultPrevented).toBe(true);
    expect(pageClick).toHaveBeenCalledTimes(1); // only the click on our own button reached the page
    expect(document.querySelector('egisz-pick')).toBeNull();
  });

  it('gives up on Escape or when aborted, and the page gets its clicks back', async () => {
    const escaped = pickElement([document], new AbortController().signal);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await expect(escaped).rejects.toThrow('cancelled');
    const abort = new AbortController();
    const aborted = pickElement([document], abort.signal);
    abort.abort();
    await expect(aborted).rejects.toThrow('cancelled');
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    document.querySelector('#link')!.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(false);
  });
});
