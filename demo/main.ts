import { de } from '../src/i18n/de.js';
import { es } from '../src/i18n/es.js';
import type { Comment } from '../src/index.js';
import { engine, resetPoll, setBackend, started, type BackendMode } from './mock.js';
import { commenters, personas, THREAD } from './seed.js';

/**
 * The demo page: the control panel drives the provider, the widgets and the mock backend. Every
 * setting is kept in the address, so that a state can be linked to (and screenshotted).
 */
const form = document.querySelector<HTMLFormElement>('#controls')!;
const provider = document.querySelector('experience-provider')!;
const comments = document.querySelector('experience-comments')!;
const poll = document.querySelector('article-poll')!;
const tables = { es, de } as Record<string, typeof es | undefined>;

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
  provider.getToken = () => `demo-token-${name}`;
}

function apply(): void {
  const v = Object.fromEntries(new FormData(form)) as Record<string, string>;
  const root = document.documentElement;
  root.dataset.theme = v.theme!;
  root.dir = v.rtl ? 'rtl' : 'ltr';
  for (const widget of [comments, poll]) {
    widget.setAttribute('theme', v.theme!);
    widget.lang = v.locale!;
  }
  provider.locale = v.locale;
  provider.strings = tables[v.locale!];
  comments.setAttribute('sort', v.sort!);
  comments.setAttribute('max-depth', v.depth || '4');
  comments.toggleAttribute('readonly', !!v.readonly);
  engine.moderation = v.moderation ? 'all' : 'none';
  setBackend(v.backend as BackendMode);
  if (v.persona !== persona) signIn(v.persona!);
  history.replaceState(null, '', `?${new URLSearchParams(v)}`);
}

// Settings before the elements upgrade: their first render already has them.
apply();
form.addEventListener('change', apply);

const liveBodies = [
  'Just read this for the first time. The part about readings being weather, not climate, really helped.',
  'Walked after lunch today for the first time in weeks. Small win!',
  'Does anyone have tips for eating well on night shifts?',
  'Thank you all. I feel less alone reading this thread.',
];
let live = 0;

form.addEventListener('click', (e) => {
  const action = (e.target as HTMLElement).closest('button')?.dataset.action;
  if (action === 'reload') signIn(persona);
  if (action === 'reset-poll') {
    resetPoll();
    signIn(persona);
  }
  if (action === 'live') {
    const author = commenters[live % commenters.length]!;
    const comment: Comment = {
      id: `live-${++live}`,
      threadId: THREAD,
      parentId: null,
      author,
      body: liveBodies[live % liveBodies.length]!,
      createdAt: new Date().toISOString(),
      editedAt: null,
      status: 'published',
      likes: 0,
    };
    engine.insert(comment);
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

// The widgets ask the mock backend as soon as they upgrade: start it first.
await started;
await import('../src/index.js');
