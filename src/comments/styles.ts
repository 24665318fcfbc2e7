import { css } from 'lit';
import { base } from '../ui/styles.js';

/** The thread's own rules, after the shared `base` (theme tokens, buttons, focus, errors). */
const own = css`
  :host {
    --_avatar: var(--experience-avatar-size, 2.25rem);
    background: var(--_surface);
  }
  [part~=header],
  .meta,
  .actions,
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
  }
  [part~=header] {
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
  /*
   * Each root thread is laid out only near the viewport: its text stays in the page for
   * find-in-page, anchors, focus and screen readers (auto, not hidden), and the size it last had
   * holds its place.
   */
  .list > li {
    content-visibility: auto;
    contain-intrinsic-size: auto 9rem;
  }
  .replies {
    margin-inline-start: var(--experience-indent, 1.25rem);
    padding-inline-start: 0.75rem;
    border-inline-start: 2px solid var(--_border);
  }
  /*
   * Comments are styled by class (cheap to match); their part attributes are for ::part().
   * The avatar spans the rows of meta, body and actions, which fill the second column in order.
   */
  article {
    display: grid;
    grid-template-columns: var(--_avatar) minmax(0, 1fr);
    gap: 0.25rem 0.75rem;
    padding: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  article:focus {
    outline: 2px solid var(--_accent);
  }
  .deleted {
    display: block;
    color: var(--_muted);
    font-style: italic;
  }
  .sending {
    opacity: 0.7;
  }
  .avatar {
    grid-row: span 3;
    position: relative;
    display: grid;
    place-items: center;
    height: var(--_avatar);
    border-radius: 50%;
    overflow: hidden;
    background: hsl(var(--h) 45% 30%);
    color: #fff;
    font-weight: 600;
    font-size: 0.85em;
  }
  .avatar img {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  a {
    color: var(--_accent);
  }
  [part~=author] {
    font-weight: 600;
    color: inherit;
  }
  .badge {
    padding: 0.1em 0.6em;
    border-radius: 1em;
    font-size: 0.8em;
    background: var(--experience-badge-bg, light-dark(#eaeef2, #262c36));
  }
  .badge-moderator {
    background: var(--experience-badge-moderator-bg, light-dark(#d2f4dc, #16432a));
  }
  .badge-author {
    background: var(--experience-badge-author-bg, light-dark(#d8ecff, #13315c));
  }
  .body p {
    margin: 0.25em 0;
  }
  button {
    padding: 0.25rem 0.6rem;
  }
  [part~=load-more],
  [part~=new-comments] {
    border-color: var(--_accent);
  }
  [aria-pressed=true] {
    font-weight: 700;
  }
  form,
  label,
  [part~=error],
  [part~=empty],
  [part~=confirm] {
    display: grid;
    gap: 0.5rem;
    margin-block: 0.75rem;
  }
  label {
    gap: 0.25rem;
    margin: 0;
  }
  [part~=error] p {
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
  [aria-invalid=true] {
    border-color: var(--_danger);
  }
  /*
   * While the first page loads, the box that the loader reserved for the element
   * (src/loader/chunks.ts): room for the header, the composer and the skeleton.
   */
  section:has(.bone) {
    min-height: 34rem;
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
`;

export const styles = [base, own];
