import { ar } from '../src/i18n/ar.js';
import { de } from '../src/i18n/de.js';
import { es } from '../src/i18n/es.js';
import type { BackendMode, DemoBackend } from './backend.js';
import { personas } from './seed.js';

/**
 * The demo page: the control panel drives the provider, the widgets and the backend (the reference
 * server, or the mock for the static demo). Every setting is kept in the address, so that a state
 * can be linked to (and screenshotted).
 */
const { backend }: { backend: DemoBackend } = __DEMO_BACKEND__ === 'server' ? await import('./remote.js') : await import('./mock.js');
document.querySelector('#backend-hint')!.textContent = backend.description;

const form = document.querySelector<HTMLFormElement>('#controls')!;
const provider = document.querySelector('experience-provider')!;
const comments = document.querySelector('experience-comments')!;
const poll = document.querySelector('article-poll')!;
const count = document.querySelector('experience-comment-count')!;
const tables = { es, de, ar } as Record<string, typeof es | undefined>;

const personaSelect = form.elements.namedItem('persona') as HTMLSelectElement;
for (const [value, { label }] of Object.entries(personas)) personaSelect.add(new Option(label, value));

// The address wins over the form's defaults.
for (const [name, value] of new URLSearchParams(location.search)) {
  const field = form.elements.namedItem(name);
  if (field instanceof RadioNodeList) field.value = value;
  else if (field instanceof HTMLInputElement && field.type === 'checkbox') field.checked = value === '1';
  else if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) field.value = value;
}

let persona = '';

/** Signs the reader in as `name`: a new `getToken` is a new session, so the widgets reload. */
function signIn(name: string): void {
  persona = name;
  const token = backend.tokenFor(name);
  provider.getToken = () => token();
}

// Unknown at first: the server keeps its settings between page loads, so the first apply sends them.
let applied: Record<string, string | undefined> = { moderation: 'unknown', backend: 'unknown' };

const settings = () => Object.fromEntries(new FormData(form)) as Record<string, string>;
/** Keeps the panel's settings in the address. */
const remember = (v = settings()) => history.replaceState(null, '', `?${new URLSearchParams(v)}`);

function apply(): void {
  const v = settings();
  const root = document.documentElement;
  root.dataset.theme = v.theme!;
  // In Arabic the widgets turn right to left by themselves (they set their own `dir`); the English article stays as it is.
  for (const widget of [comments, poll]) {
    widget.setAttribute('theme', v.theme!);
    widget.lang = v.locale!;
  }
  provider.locale = v.locale;
  provider.strings = tables[v.locale!];
  comments.setAttribute('thread', v.thread!);
  count.setAttribute('thread', v.thread!);
  poll.setAttribute('poll', v.poll!);
  comments.setAttribute('sort', v.sort!);
  comments.setAttribute('max-depth', v.depth || '4');
  comments.toggleAttribute('readonly', !!v.readonly);
  // The backend's settings, sent when they change.
  if (v.moderation !== applied.moderation) void backend.setModeration(!!v.moderation);
  if (v.backend !== applied.backend) void backend.setMode(v.backend as BackendMode);
  applied = v;
  if (v.persona !== persona) signIn(v.persona!);
  remember(v);
}

// Settings before the elements upgrade: their first render already has them.
apply();
form.addEventListener('change', apply);

// The reader's own choice in the widget's sort control (reflected in its `sort` attribute) shows in the panel.
const sortSelect = form.elements.namedItem('sort') as HTMLSelectElement;
new MutationObserver(() => {
  if (sortSelect.value === comments.sort) return;
  sortSelect.value = comments.sort;
  remember();
}).observe(comments, { attributes: true, attributeFilter: ['sort'] });

form.addEventListener('click', async (e) => {
  const action = (e.target as HTMLElement).closest('button')?.dataset.action;
  if (action === 'reload') signIn(persona);
  if (action === 'live') await backend.addLiveComment();
  if (action === 'reset-poll') {
    await backend.resetPoll();
    signIn(persona);
  }
  if (action === 'reset') {
    await backend.reset();
    signIn(persona);
  }
});

// What the widgets tell the page, as a developer would see it.
const log = document.querySelector('#log')!;
const summary = (d: Record<string, unknown>): string =>
  Object.entries(d)
    .map(([k, v]) => `${k}: ${v && typeof v === 'object' ? ('code' in v ? v.code : 'id' in v ? v.id : JSON.stringify(v)) : v}`)
    .join(', ');
for (const type of ['experience-ready', 'experience-comment-posted', 'experience-poll-voted', 'experience-error']) {
  provider.addEventListener(type, (e) => {
    const item = document.createElement('li');
    item.textContent = `${(e.target as Element).localName} ${type} {${summary((e as CustomEvent).detail ?? {})}}`;
    log.prepend(item);
  });
}

// The widgets ask the backend as soon as they upgrade: it must be ready first.
await backend.ready;
await import('../src/index.js');
