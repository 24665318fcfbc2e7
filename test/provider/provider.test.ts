import { consume } from '@lit/context';
import { expect, fixture, fixtureSync, html, waitUntil } from '@open-wc/testing';
import { LitElement, html as litHtml } from 'lit';
import { state } from 'lit/decorators.js';
import { ExperienceProvider, MemoryAdapter, RestAdapter } from '../../src/index.js';
import { providedContext, restAdapterFor, type Provided } from '../../src/provider/context.js';
import { sessionStore } from '../../src/stores/session.js';
import { shadowText } from '../helpers/dom.js';
import { mockBackend } from '../helpers/msw.js';

/** The smallest widget: shows what it was given, the way the real ones consume it. */
class ProbeWidget extends LitElement {
  @consume({ context: providedContext, subscribe: true })
  @state()
  provided?: Provided;

  renders = 0;

  override render() {
    this.renders++;
    return litHtml`<p>${this.provided?.locale ?? 'none'}|${String(this.provided?.strings?.title ?? '')}</p>`;
  }
}
customElements.define('probe-widget', ProbeWidget);
declare global {
  interface HTMLElementTagNameMap {
    'probe-widget': ProbeWidget;
  }
}

let tags = 0;

describe('<experience-provider>', () => {
  it('is registered, renders its children in place and passes axe', async () => {
    const el = await fixture<ExperienceProvider>(html`
      <experience-provider locale="de"><p>Inhalt</p><probe-widget></probe-widget></experience-provider>
    `);
    expect(el).to.be.instanceOf(ExperienceProvider);
    expect(getComputedStyle(el).display).to.equal('contents');
    const p = el.querySelector('p')!;
    expect(p.getBoundingClientRect().height).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });

  it('gives its adapter, locale and strings to widgets at any depth, before their first render', async () => {
    const adapter = new MemoryAdapter();
    const el = await fixture<ExperienceProvider>(html`
      <experience-provider .adapter=${adapter} locale="es" .strings=${{ title: 'hola' }}>
        <div><section><probe-widget></probe-widget></section></div>
      </experience-provider>
    `);
    const probe = el.querySelector('probe-widget')!;
    expect(probe.provided?.adapter).to.equal(adapter);
    expect(shadowText(probe)).to.equal('es|hola');
    expect(probe.renders, 'the first render already had the value').to.equal(1);
  });

  it('tells its widgets when a property changes', async () => {
    const el = await fixture<ExperienceProvider>(html`<experience-provider locale="en"><probe-widget></probe-widget></experience-provider>`);
    const probe = el.querySelector('probe-widget')!;
    el.locale = 'de';
    el.strings = { title: 'hallo' };
    await el.updateComplete;
    await probe.updateComplete;
    expect(shadowText(probe)).to.equal('de|hallo');
    const other = new MemoryAdapter();
    el.adapter = other;
    await el.updateComplete;
    expect(probe.provided?.adapter).to.equal(other);
  });

  it('does not wake its widgets when nothing they see changed', async () => {
    const el = await fixture<ExperienceProvider>(html`<experience-provider locale="en"><probe-widget></probe-widget></experience-provider>`);
    const probe = el.querySelector('probe-widget')!;
    await probe.updateComplete;
    const before = probe.renders;
    el.requestUpdate();
    await el.updateComplete;
    await probe.updateComplete;
    expect(probe.renders).to.equal(before);
  });

  it('builds one shared RestAdapter from its endpoint attribute', async () => {
    const { endpoint } = await mockBackend({ maxLength: 777 });
    const el = await fixture<ExperienceProvider>(html`<experience-provider endpoint=${endpoint}><probe-widget></probe-widget></experience-provider>`);
    const adapter = el.querySelector('probe-widget')!.provided?.adapter;
    expect(adapter).to.be.instanceOf(RestAdapter);
    // The same object a widget with the same `endpoint` attribute uses, so they share stores.
    expect(adapter).to.equal(restAdapterFor(endpoint));
    expect((await adapter!.getSession!()).maxLength).to.equal(777);
  });

  it('sends cookies to an API on another origin when its credentials attribute says include, and so do widgets', async () => {
    const { endpoint, requests } = await mockBackend({ comments: [], polls: [] });
    const el = await fixture<ExperienceProvider>(html`
      <experience-provider endpoint=${endpoint} credentials="include"><probe-widget></probe-widget></experience-provider>
      <experience-comments thread="t1" endpoint=${endpoint} credentials="include"></experience-comments>
    `);
    const adapter = el.querySelector('probe-widget')!.provided!.adapter!;
    expect(adapter).not.to.equal(restAdapterFor(endpoint));
    await adapter.getSession!();
    expect(requests.at(-1)!.credentials).to.equal('include');
    const comments = el.nextElementSibling!;
    await waitUntil(() => requests.some((r) => r.url.includes('/threads/t1/comments')), 'the widget did not ask');
    // The list and the live stream alike.
    const own = requests.filter((r) => r.url.includes('/threads/t1/'));
    expect(own.map((r) => r.credentials)).to.deep.equal(own.map(() => 'include'));
    expect(comments.getAttribute('credentials')).to.equal('include');
    // Without the attribute: fetch's default, same-origin.
    expect(restAdapterFor(endpoint)).not.to.equal(restAdapterFor(endpoint, { credentials: 'include' }));
  });

  it('prefers its adapter property to its endpoint attribute', async () => {
    const adapter = new MemoryAdapter();
    const el = await fixture<ExperienceProvider>(html`
      <experience-provider endpoint="/nowhere" .adapter=${adapter}><probe-widget></probe-widget></experience-provider>
    `);
    expect(el.querySelector('probe-widget')!.provided?.adapter).to.equal(adapter);
  });

  it('sends the token of getToken as a bearer, and a new getToken starts a new session', async () => {
    const { endpoint, requests } = await mockBackend();
    const el = await fixture<ExperienceProvider>(html`
      <experience-provider endpoint=${endpoint} .getToken=${() => 'secret-1'}><probe-widget></probe-widget></experience-provider>
    `);
    const probe = el.querySelector('probe-widget')!;
    const first = probe.provided!.adapter!;
    expect(first).not.to.equal(restAdapterFor(endpoint));
    await first.getSession!();
    expect(requests.at(-1)!.headers.get('Authorization')).to.equal('Bearer secret-1');

    el.getToken = async () => 'secret-2';
    await el.updateComplete;
    const second = probe.provided!.adapter!;
    expect(second).not.to.equal(first);
    expect(sessionStore(second)).not.to.equal(sessionStore(first));
    await second.getSession!();
    expect(requests.at(-1)!.headers.get('Authorization')).to.equal('Bearer secret-2');

    el.requestUpdate();
    await el.updateComplete;
    expect(probe.provided!.adapter, 'the same function keeps the same adapter').to.equal(second);
  });

  it('nests: an inner provider inherits what it does not set and merges strings', async () => {
    const adapter = new MemoryAdapter();
    const el = await fixture<ExperienceProvider>(html`
      <experience-provider .adapter=${adapter} locale="en" .strings=${{ title: 'hello', retry: 'bye' }}>
        <probe-widget id="outer"></probe-widget>
        <experience-provider locale="de" .strings=${{ title: 'hallo' }}>
          <probe-widget id="inner"></probe-widget>
        </experience-provider>
      </experience-provider>
    `);
    const inner = el.querySelector<ProbeWidget>('#inner')!;
    const outer = el.querySelector<ProbeWidget>('#outer')!;
    expect(inner.provided?.adapter).to.equal(adapter);
    expect(inner.provided?.strings).to.deep.equal({ title: 'hallo', retry: 'bye' });
    expect(shadowText(inner)).to.equal('de|hallo');
    expect(shadowText(outer)).to.equal('en|hello');

    el.locale = 'es';
    await el.updateComplete;
    const innerProvider = el.querySelector<ExperienceProvider>('experience-provider')!;
    await innerProvider.updateComplete;
    expect(shadowText(inner), 'the inner locale still wins').to.equal('de|hallo');
    innerProvider.locale = undefined;
    await innerProvider.updateComplete;
    await inner.updateComplete;
    expect(shadowText(inner), 'without its own, the outer locale').to.equal('es|hallo');
  });

  it('reaches widgets that upgraded before the provider was defined', async () => {
    const tag = `late-provider-${++tags}`;
    const root = fixtureSync<HTMLElement>(html`<div></div>`);
    root.innerHTML = `<${tag} locale="fr"><div><probe-widget></probe-widget></div></${tag}>`;
    const probe = root.querySelector<ProbeWidget>('probe-widget')!;
    await probe.updateComplete;
    expect(shadowText(probe), 'nobody provides yet').to.equal('none|');

    customElements.define(tag, class extends ExperienceProvider {});
    await waitUntil(() => shadowText(probe) === 'fr|', 'the late provider reached the widget');
  });

  it('hands widgets over to a provider added between them and an existing one', async () => {
    const el = await fixture<ExperienceProvider>(html`
      <experience-provider locale="en"><div id="slot"><probe-widget></probe-widget></div></experience-provider>
    `);
    const probe = el.querySelector<ProbeWidget>('probe-widget')!;
    const tag = `late-provider-${++tags}`;
    const inner = document.createElement(tag);
    inner.setAttribute('locale', 'it');
    el.querySelector('#slot')!.append(inner);
    inner.append(probe);
    await probe.updateComplete;
    expect(shadowText(probe)).to.equal('en|');
    customElements.define(tag, class extends ExperienceProvider {});
    await waitUntil(() => shadowText(probe) === 'it|', 'the inner provider took over');
  });

  it('lets go of a widget moved out of it: the widget no longer sees its adapter or locale', async () => {
    const el = await fixture<HTMLElement>(html`
      <div><experience-provider locale="de" .adapter=${new MemoryAdapter()}><probe-widget></probe-widget></experience-provider><div id="out"></div></div>
    `);
    const probe = el.querySelector<ProbeWidget>('probe-widget')!;
    await probe.updateComplete;
    expect(shadowText(probe)).to.equal('de|');
    el.querySelector('#out')!.append(probe);
    await waitUntil(() => shadowText(probe) === 'none|', 'the widget still shows what the provider gave');
    expect(probe.provided?.adapter).to.equal(undefined);
  });

  it('leaves widgets outside any provider alone', async () => {
    const el = fixtureSync<HTMLElement>(html`
      <div><experience-provider locale="de"></experience-provider><probe-widget></probe-widget></div>
    `);
    const probe = el.querySelector<ProbeWidget>('probe-widget')!;
    await probe.updateComplete;
    expect(probe.provided).to.equal(undefined);
    expect(shadowText(probe)).to.equal('none|');
  });
});
