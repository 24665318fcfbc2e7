import { css, unsafeCSS } from 'lit';

/**
 * The same `--experience-*` tokens and defaults as `<experience-comments>`, so that both widgets
 * look alike; `light-dark()` picks the default that goes with the host's `color-scheme`, which
 * `theme` sets (`auto` follows `prefers-color-scheme`).
 */
const theme = css`
  :host {
    --_accent: var(--experience-accent, light-dark(#0a5cc2, #6cb0ff));
    --_on-accent: var(--experience-on-accent, light-dark(#fff, #0d1117));
    --_text: var(--experience-text, light-dark(#1f2328, #e6edf3));
    --_muted: var(--experience-muted, light-dark(#56606b, #9ea7b3));
    --_surface: var(--experience-surface, light-dark(#fff, #0d1117));
    --_border: var(--experience-border, light-dark(#d1d9e0, #3d444d));
    --_danger: var(--experience-danger, light-dark(#c0212c, #ff7b72));
    --_radius: var(--experience-radius, 8px);
    display: block;
    color-scheme: light dark;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  [part~='poll'] {
    font: var(--experience-font, inherit);
    line-height: 1.5;
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 1rem 1.25rem;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    font-weight: 600;
    font-size: 1.125em;
    padding: 0;
    margin-bottom: 0.5rem;
  }
  p {
    margin: 0.5rem 0;
  }
  [part~='option'] {
    display: flex;
    gap: 0.625rem;
    align-items: center;
    min-height: 2.75rem;
    padding: 0.25rem 0.75rem;
    margin: 0.5rem 0;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    cursor: pointer;
  }
  [part~='option']:has(:checked) {
    border-color: var(--_accent);
  }
  [part~='option']:has(:disabled) {
    cursor: not-allowed;
    border-style: dashed;
  }
  input {
    accent-color: var(--_accent);
    inline-size: 1.125rem;
    block-size: 1.125rem;
    margin: 0;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    min-height: 2.75rem;
    padding: 0.375rem 1.25rem;
    border-radius: calc(var(--_radius) * 0.75);
    border: 1px solid var(--_accent);
    background: none;
    color: var(--_accent);
    cursor: pointer;
  }
  [part~='vote-button'] {
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  button[aria-disabled='true'] {
    cursor: progress;
  }
  [part~='results'] {
    list-style: none;
    margin: 0.75rem 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  [part~='result'] {
    display: grid;
    grid-template-columns: 1fr auto auto;
    gap: 0.25rem 0.75rem;
    align-items: baseline;
  }
  [part~='result-chosen'] [part~='result-label'] {
    font-weight: 600;
  }
  .mine {
    font-size: 0.8125em;
    margin-inline-start: 0.5rem;
    padding: 0 0.5rem;
    border: 1px solid var(--_accent);
    border-radius: 1rem;
    white-space: nowrap;
  }
  [part~='percentage'] {
    font-weight: 600;
    font-variant-numeric: tabular-nums;
    min-inline-size: 4ch;
    text-align: end;
  }
  [part~='votes'],
  [part~='total'],
  [part~='closing'],
  .note {
    color: var(--_muted);
    font-size: 0.875em;
  }
  [part~='bar'] {
    grid-column: 1 / -1;
    block-size: var(--experience-bar-height, 0.5rem);
    background: var(--experience-bar-bg, light-dark(#e6eaef, #262c36));
    border-radius: 1rem;
    overflow: hidden;
  }
  [part~='bar-fill'] {
    display: block;
    block-size: 100%;
    background: var(--experience-bar-fill, var(--_accent));
    transform-origin: left;
    animation: grow 0.6s ease-out;
  }
  [part~='bar-fill']:dir(rtl) {
    transform-origin: right;
  }
  @keyframes grow {
    from {
      transform: scaleX(0);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    [part~='bar-fill'] {
      animation: none;
    }
  }
  [part~='error'] {
    color: var(--_danger);
  }
  [part~='error'] button {
    margin-inline-start: 0.5rem;
  }
  summary {
    cursor: pointer;
    color: var(--_accent);
    margin-top: 0.75rem;
  }
  .sr {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    margin: -1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/**
 * A bar's width comes from its whole percentage (`data-pct`), through these rules of the adopted
 * stylesheet rather than a style on the element: Lit's `styleMap` writes a `style` attribute on
 * first render, which a strict CSP (`style-src` without 'unsafe-inline') blocks.
 */
const widths = unsafeCSS(Array.from({ length: 101 }, (_, i) => `[data-pct='${i}']{width:${i}%}`).join(''));

export const pollStyles = [theme, widths];
