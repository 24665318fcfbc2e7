import { css } from 'lit';
import { base, visuallyHidden } from '../ui/styles.js';

/**
 * The thread's own rules, after the shared `base` (theme tokens, buttons, focus, errors). The
 * layout follows the element's own width, not the viewport's: the section is a container, and
 * under 560 px and 360 px of it the avatars, indentation and gaps narrow (the element nests fewer
 * levels at the same widths: src/ui/width.ts).
 */
const own = css`
  :host {
    --_avatar: var(--experience-avatar-size, 2.25rem);
    --_indent: var(--experience-indent, 1.0625rem);
    --_pad: 0.75rem;
    --_gap: 0.75rem;
    background: var(--_surface);
  }
  section {
    container: thread / inline-size;
  }
  @container thread (width < 560px) {
    section > * {
      --_pad: 0.5rem;
      --_gap: 0.6rem;
    }
  }
  @container thread (width < 360px) {
    section > * {
      --_avatar: calc(var(--experience-avatar-size, 2.25rem) * 0.8);
      --_indent: calc(var(--experience-indent, 1.0625rem) * 0.8);
      --_pad: 0.375rem;
      --_gap: 0.5rem;
    }
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
    margin-block-start: 0.5rem;
  }
  /*
   * No content-visibility: auto on the threads, though it skips the layout of those far from the
   * viewport: Chromium then leaves them out of the accessibility tree, so that a screen reader's
   * list of headings holds only the comments near the screen (test/comments/offscreen.test.ts).
   * Each root thread contains its layout and style instead: a reply, a like or an open panel
   * lays out its own thread again, not the thousand around it.
   */
  .list > li {
    contain: layout style;
  }
  /*
   * A thread line instead of cards inside cards: by default under the middle of the avatar of the
   * comment replied to.
   */
  .replies {
    margin-inline-start: var(--_indent);
    padding-inline-start: var(--_pad);
    border-inline-start: 2px solid var(--_border);
  }
  /*
   * Comments are styled by class (cheap to match); their part attributes are for ::part().
   * The avatar spans the rows of meta, body and actions, which fill the second column in order;
   * that column may be narrower than its longest word (minmax(0, …)), which then wraps.
   */
  article {
    display: grid;
    grid-template-columns: var(--_avatar) minmax(0, 1fr);
    gap: 0.125rem var(--_gap);
    padding-block: 0.375rem;
    border-radius: var(--_radius);
  }
  article:focus {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .deleted {
    display: block;
    color: var(--_muted);
    font-style: italic;
  }
  .sending .body {
    opacity: 0.75;
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
  .meta {
    align-items: baseline;
    gap: 0.125rem 0.5rem;
  }
  /* Flex items no narrower than their longest word would overflow a narrow column. */
  .meta > * {
    min-width: 0;
  }
  .name {
    margin: 0;
    font-size: 1em;
  }
  [part~=author] {
    font-weight: 600;
    color: inherit;
  }
  /* On a line of its own below the name and the time, rather than pushing the time down. */
  .replying {
    order: 1;
    flex-basis: 100%;
  }
  /* The absolute time shows beside the relative one while the time has the focus (keyboard, tap). */
  .time {
    border-radius: 2px;
  }
  .time:focus::after {
    content: ' · ' attr(data-absolute);
  }
  /* "Awaiting moderation" and "Sending…": state badges, not grey text. */
  .state {
    padding: 0 0.5em;
    border-radius: 1em;
    font-weight: 600;
    color: var(--experience-pending-text, light-dark(#6b4400, #f5d77a));
    background: var(--experience-pending-bg, light-dark(#fff1c2, #3d3000));
  }
  .sending .state {
    color: var(--_accent);
    background: color-mix(in srgb, var(--_accent) 14%, transparent);
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
  /* The actions: quiet until hovered, the count right beside its button. */
  .actions {
    gap: 0 0.125rem;
    margin-inline-start: -0.5rem;
  }
  .actions button,
  .toggle {
    padding: 0.125rem 0.5rem;
    font-size: 0.875em;
    font-weight: 600;
  }
  /* The heart: drawn by the stylesheet (no element per comment), an outline until liked. */
  .like::before {
    content: '♡';
    margin-inline-end: 0.3em;
  }
  /* Liked: a filled heart in its own colour (aria-pressed says it to screen readers). */
  .actions .like[aria-pressed=true] {
    color: var(--experience-liked, light-dark(#c4154f, #ff7eb0));
  }
  .like[aria-pressed=true]::before {
    content: '♥';
  }
  .likes {
    margin-inline: -0.125rem 0.375rem;
  }
  .toggle {
    margin-block-start: 0.125rem;
  }
  [part~=load-more],
  [part~=new-comments] {
    border-color: var(--_accent);
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
  /*
   * The top composer is one line until it has the focus or text; its name field and buttons show
   * then. Until then they are out of sight but still in the page, so that the keyboard, screen
   * readers and scripts reach them, and focusing one shows them.
   */
  .top:not(.filled, :focus-within) textarea {
    min-height: 0;
    height: 2.625rem;
    resize: none;
  }
  .top:not(.filled, :focus-within) :is(.name, .send) {
    ${visuallyHidden}
  }
  /* The keyboard hint, where a physical keyboard is likely. */
  @media not ((hover: hover) and (pointer: fine)) {
    .hint {
      display: none;
    }
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
