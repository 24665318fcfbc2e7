import { css } from 'lit';

/** Out of sight but read out and focusable: the declarations of every visually hidden thing. */
export const visuallyHidden = css`
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
`;

/**
 * What both widgets share, one stylesheet for every instance of either (`static styles = [base,
 * own]`). Every colour is a `--experience-*` custom property with a light and a dark default;
 * `theme` sets `color-scheme`, and `light-dark()` picks the default that goes with it (`auto`
 * follows `prefers-color-scheme`).
 */
export const base = css`
  :host {
    --_accent: var(--experience-accent, light-dark(#0a5cc2, #6cb0ff));
    --_muted: var(--experience-muted, light-dark(#56606b, #9ea7b3));
    --_surface: var(--experience-surface, light-dark(#fff, #0d1117));
    --_border: var(--experience-border, light-dark(#d1d9e0, #3d444d));
    --_danger: var(--experience-danger, light-dark(#c0212c, #ff7b72));
    --_radius: var(--experience-radius, 8px);
    display: block;
    color-scheme: light dark;
    font: var(--experience-font, inherit);
    color: var(--experience-text, light-dark(#1f2328, #e6edf3));
    /* Breaks a word only when it is longer than its line ('anywhere' broke "Margu/erite" in narrow columns). */
    overflow-wrap: break-word;
  }
  :host([theme=light]) {
    color-scheme: light;
  }
  :host([theme=dark]) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  /* The live region: read out, not shown. */
  .sr {
    ${visuallyHidden}
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    color: var(--_accent);
    background: none;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    cursor: pointer;
  }
  button:hover {
    background: color-mix(in srgb, var(--_accent) 12%, transparent);
  }
  /* The primary buttons; as specific as button:hover and after it, so that they stay filled. */
  button:is([part~=submit], [part~=vote-button]) {
    background: var(--_accent);
    color: var(--experience-on-accent, light-dark(#fff, #0d1117));
    border-color: var(--_accent);
  }
  /*
   * One look for what both widgets share: every retry (outlined in the accent colour) and every
   * destructive action (Delete, Reject, the delete confirm: the danger colour; "solid" is filled).
   */
  button.retry {
    justify-self: start;
    border-color: var(--_accent);
    border-radius: var(--_radius);
    padding: 0.25rem 0.75rem;
  }
  button.danger {
    color: var(--_danger);
  }
  button.danger:hover {
    background: color-mix(in srgb, var(--_danger) 12%, transparent);
  }
  button.danger.solid {
    color: var(--experience-on-accent, light-dark(#fff, #0d1117));
    background: var(--_danger);
    border-color: var(--_danger);
  }
  [aria-disabled=true] {
    opacity: 0.7;
    cursor: progress;
  }
  [part~=error] {
    color: var(--_danger);
  }
  /* Secondary text of either widget. */
  [part~=timestamp],
  [part~=edited],
  [part~=state],
  [part~=replying-to],
  [part~=likes],
  [part~=counter],
  [part~=hint],
  [part~=votes],
  [part~=total],
  [part~=closing],
  .note {
    color: var(--_muted);
    font-size: 0.875em;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
    }
  }
`;
