import { css } from 'lit';

/**
 * Every colour is a `--experience-*` custom property with a light and a dark default; `theme`
 * sets `color-scheme`, and `light-dark()` picks the default that goes with it (`auto` follows
 * `prefers-color-scheme`).
 */
export const styles = css`
  :host {
    --_accent: var(--experience-accent, light-dark(#0a5cc2, #6cb0ff));
    --_on-accent: var(--experience-on-accent, light-dark(#fff, #0d1117));
    --_text: var(--experience-text, light-dark(#1f2328, #e6edf3));
    --_muted: var(--experience-muted, light-dark(#56606b, #9ea7b3));
    --_surface: var(--experience-surface, light-dark(#fff, #0d1117));
    --_border: var(--experience-border, light-dark(#d1d9e0, #3d444d));
    --_danger: var(--experience-danger, light-dark(#c0212c, #ff7b72));
    --_radius: var(--experience-radius, 8px);
    --_indent: var(--experience-indent, 1.25rem);
    --_avatar: var(--experience-avatar-size, 2.25rem);
    display: block;
    color-scheme: light dark;
    font: var(--experience-font, inherit);
    color: var(--_text);
    background: var(--_surface);
    overflow-wrap: anywhere;
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
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  [part~='header'],
  [part~='meta'],
  [part~='actions'],
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
  }
  [part~='header'] {
    justify-content: space-between;
    margin-block-end: 1rem;
  }
  h2 {
    font-size: 1.25em;
    margin: 0;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  li {
    margin-block-start: 0.75rem;
  }
  [part~='replies'] {
    margin-inline-start: var(--_indent);
    padding-inline-start: 0.75rem;
    border-inline-start: 2px solid var(--_border);
  }
  article {
    display: grid;
    grid-template-columns: var(--_avatar) minmax(0, 1fr);
    gap: 0.25rem 0.75rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  article > * {
    grid-column: 2;
    min-width: 0;
  }
  article:focus {
    outline: 2px solid var(--_accent);
  }
  [part~='deleted'] {
    display: block;
    color: var(--_muted);
    font-style: italic;
  }
  [part~='sending'] {
    opacity: 0.7;
  }
  [part~='avatar'] {
    grid-column: 1;
    grid-row: span 3;
    position: relative;
    display: grid;
    place-items: center;
    width: var(--_avatar);
    height: var(--_avatar);
    border-radius: 50%;
    overflow: hidden;
    background: hsl(var(--h) 45% 30%);
    color: #fff;
    font-weight: 600;
    font-size: 0.85em;
  }
  [part~='avatar'] img {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  [part~='author'] {
    font-weight: 600;
    color: inherit;
  }
  a {
    color: var(--_accent);
  }
  [part~='badge'] {
    padding: 0.1em 0.6em;
    border-radius: 1em;
    font-size: 0.8em;
    background: var(--experience-badge-bg, light-dark(#eaeef2, #262c36));
  }
  [part~='badge-moderator'] {
    background: var(--experience-badge-moderator-bg, light-dark(#d2f4dc, #16432a));
  }
  [part~='badge-author'] {
    background: var(--experience-badge-author-bg, light-dark(#d8ecff, #13315c));
  }
  [part~='timestamp'],
  [part~='edited'],
  [part~='state'],
  [part~='replying-to'],
  [part~='likes'],
  [part~='counter'],
  [part~='hint'] {
    color: var(--_muted);
    font-size: 0.875em;
  }
  [part~='body'] p {
    margin: 0.25em 0;
  }
  button {
    font: inherit;
    color: var(--_accent);
    background: none;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    padding: 0.25rem 0.6rem;
    cursor: pointer;
  }
  button:hover {
    background: color-mix(in srgb, var(--_accent) 12%, transparent);
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  [aria-pressed='true'] {
    font-weight: 700;
  }
  [part~='submit'],
  [part~='load-more'],
  [part~='new-comments'] {
    border-color: var(--_accent);
  }
  [part~='submit'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  [aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  form,
  label,
  [part~='error'],
  [part~='empty'],
  [part~='confirm'] {
    display: grid;
    gap: 0.5rem;
    margin-block: 0.75rem;
  }
  label {
    gap: 0.25rem;
    margin: 0;
  }
  textarea,
  input,
  select {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem;
  }
  textarea {
    min-height: 5rem;
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  [part~='error'] {
    color: var(--_danger);
  }
  [part~='error'] p {
    margin: 0;
  }
  .bone {
    height: 4.5rem;
    margin-block-start: 0.75rem;
    border-radius: var(--_radius);
    background: var(--_border);
    animation: pulse 1.5s ease-in-out infinite;
  }
  @keyframes pulse {
    50% {
      opacity: 0.4;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }
`;
