/**
 * Reading a widget as a reader and a designer see it: by its parts (the styling contract of the
 * SPEC) and by roles and names, not by the internal attributes and classes of its templates.
 */

/** The text of a node, with the spacing collapsed (templates are indented; the reader sees words). */
export const text = (n: Node | null | undefined): string => (n?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The element's shadow root. */
export const root = (el: Element): ShadowRoot => el.shadowRoot!;

/** The visible text of a widget's shadow root. */
export const shadowText = (el: Element): string => text(root(el));

/** The first element with the part `name`, in a widget's shadow root or inside an element of it. */
export const part = (el: Element, name: string) => (el.shadowRoot ?? el).querySelector<HTMLElement>(`[part~="${name}"]`);

export const parts = (el: Element, name: string) => [...(el.shadowRoot ?? el).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

/** What the widget's live region says. */
export const status = (el: Element): string => text(part(el, 'status'));

/** The element that has focus, inside the shadow root. */
export const focused = (el: Element) => root(el).activeElement as HTMLElement | null;

/** The button named `name` (its text) in a widget's shadow root or inside an element of it. */
export const button = (el: Element, name: string) =>
  [...(el.shadowRoot ?? el).querySelectorAll<HTMLButtonElement>('button')].find((b) => text(b) === name) ?? null;
