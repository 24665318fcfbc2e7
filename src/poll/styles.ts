import { css } from 'lit';
import { base } from '../ui/styles.js';

/** The poll's own rules, after the shared `base` (theme tokens, buttons, focus, errors). */
const own = css`
  [part~=poll] {
    line-height: 1.5;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 1rem 1.25rem;
  }
  /* While the poll loads, the box that the loader reserved for the element (src/loader/chunks.ts). */
  [aria-busy=true] {
    min-height: 14rem;
  }
  fieldset {
    border: 0;
    margin: 0;
    padding: 0;
    min-width: 0;
  }
  legend {
    font-size: 1.125em;
    padding: 0;
    margin-bottom: 0.5rem;
  }
  p {
    margin: 0.5rem 0;
  }
  /* The options: a label around each input. */
  label {
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
  label:has(:checked) {
    border-color: var(--_accent);
  }
  label:has(:disabled) {
    cursor: not-allowed;
    border-style: dashed;
  }
  input {
    accent-color: var(--_accent);
    width: 1.125rem;
    height: 1.125rem;
    margin: 0;
  }
  button {
    min-height: 2.75rem;
    padding: 0.375rem 1.25rem;
    border-radius: calc(var(--_radius) * 0.75);
    border-color: var(--_accent);
  }
  button:disabled {
    opacity: 0.5;
    cursor: not-allowed;
  }
  /* The results: a grid of items, not list items, so no markers to remove. */
  ul {
    margin: 0.75rem 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  li {
    display: grid;
    grid-template-columns: 1fr auto auto;
    gap: 0.25rem 0.75rem;
    align-items: baseline;
  }
  legend,
  [part~=vote-button],
  [part~=result-chosen] [part~=result-label],
  [part~=percentage] {
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
  [part~=percentage] {
    font-variant-numeric: tabular-nums;
    min-width: 4ch;
    text-align: end;
  }
  /* A flex box, so that its fill stretches to its height. */
  [part~=bar] {
    grid-column: 1 / -1;
    display: flex;
    height: var(--experience-bar-height, 0.5rem);
    background: var(--experience-bar-bg, light-dark(#e6eaef, #262c36));
    border-radius: 1rem;
    overflow: hidden;
  }
  /* The width is the result's share, set as --share from the data (see cssProps). */
  [part~=bar-fill] {
    width: var(--share);
    background: var(--experience-bar-fill, var(--_accent));
    transform-origin: left;
    animation: grow 0.6s ease-out;
  }
  [part~=bar-fill]:dir(rtl) {
    transform-origin: right;
  }
  @keyframes grow {
    from {
      transform: scaleX(0);
    }
  }
  [part~=error] button {
    margin-inline-start: 0.5rem;
  }
  summary {
    cursor: pointer;
    color: var(--_accent);
    margin-top: 0.75rem;
  }
`;

export const pollStyles = [base, own];
