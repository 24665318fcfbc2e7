/**
 * The one way the widgets set CSS values from data: custom properties, written through CSSOM by a
 * property binding, `<span .style=${cssProps({ '--h': 120 })}>` (Lit assigns `style`, which sets
 * its `cssText`); the stylesheet reads `var(--h)`. A strict `style-src` without 'unsafe-inline'
 * allows that, and blocks a `style` attribute (a Lit attribute binding, or `styleMap`'s first render).
 */
export const cssProps = (props: Record<`--${string}`, string | number>): string =>
  Object.entries(props).map(([name, value]) => `${name}:${value}`).join(';');
