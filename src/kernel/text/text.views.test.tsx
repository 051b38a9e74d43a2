import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { anonymous } from '../auth/actor.js';
import { translator } from '../i18n/i18n.js';
import { emptyForm, Form } from '../views/components/form.js';
import { Ctx } from '../views/context.js';
import { languages } from './languages.js';
import type { PickedText } from './text.service.js';
import { LocalText, TranslationFields } from './text.views.js';

const render = (node: VNode, locale = 'en') =>
  renderToString(<Ctx.Provider value={{ i18n: translator(locale), actor: anonymous, csrf: 'token', path: '/', cssHref: '/hearth.css' }}>{node}</Ctx.Provider>);

const text = (over: Partial<PickedText>): PickedText => ({
  body: 'Body',
  lang: 'en',
  isSource: true,
  translator: null,
  machine: false,
  fallback: false,
  available: ['en'],
  ...over,
});

describe('<LocalText>', () => {
  it('tags the body with its language and dir="auto", with nothing else for the source in the reader’s language', () => {
    expect(render(<LocalText value={text({ body: 'Hello <b>you</b>' })} />)).toBe('<div class="local-text"><p lang="en" dir="auto" class="text-body">Hello &lt;b>you&lt;/b></p></div>');
  });

  it('says when it falls back to the source language, naming both languages for the reader', () => {
    const html = render(<LocalText value={text({ body: 'مرحبا', lang: 'ar', fallback: true, available: ['ar'] })} />);
    expect(html).toContain('<p lang="ar" dir="auto" class="text-body">مرحبا</p>');
    expect(html).toContain('<p class="text-note">Shown in Arabic: no English version yet.</p>');
    // Language names follow the reader's interface language.
    expect(render(<LocalText value={text({ lang: 'de', fallback: true })} />, 'es')).toContain('alemán');
  });

  it('credits a human translator and a machine translation differently', () => {
    const human = render(<LocalText value={text({ lang: 'en', isSource: false, translator: 'Ana Lima' })} />);
    expect(human).toContain('<p class="text-credit">Translated by Ana Lima</p>');
    expect(human).not.toContain('Machine');
    const machine = render(<LocalText value={text({ isSource: false, machine: true })} />);
    expect(machine).toContain('<p class="text-credit text-credit-machine">Machine translation</p>');
    expect(machine).not.toContain('Translated by');
    const named = render(<LocalText value={text({ isSource: false, machine: true, translator: 'Apertium' })} />);
    expect(named).toContain('<p class="text-credit text-credit-machine">Machine translation (Apertium)</p>');
  });

  it('renders Markdown through the sanitiser when asked, still tagged with the language', () => {
    const html = render(<LocalText markdown value={text({ body: '# Who we are\n\n*Feminist* hosting <iframe src=x></iframe>', lang: 'es', isSource: false, translator: 'Jo' })} />);
    expect(html).toContain('<div class="markdown" lang="es" dir="auto"><h3>Who we are</h3>\n<p><em>Feminist</em> hosting &lt;iframe src=x&gt;&lt;/iframe&gt;</p>\n</div>');
    expect(html).toContain('Translated by Jo');
  });

  it('renders a short inline text and nothing for a missing one', () => {
    expect(render(<LocalText inline value={text({ body: 'Name', lang: 'ca', fallback: true })} />)).toBe(
      '<span class="local-text"><span lang="ca" dir="auto">Name</span><small class="text-note">Shown in Catalan: no English version yet.</small></span>',
    );
    expect(render(<LocalText value={undefined} />)).toBe('');
  });
});

describe('<TranslationFields>', () => {
  it('offers every language, a labelled body, the translator and the machine flag', () => {
    const html = render(
      <Form action="/x" submit="Save">
        <TranslationFields />
      </Form>,
    );
    expect(html).toContain('<legend>Add a translation</legend>');
    expect(html.match(/<option /g)).toHaveLength(languages.length + 1);
    expect(html).toContain('<option value="qu">Runa Simi — Quechua</option>');
    expect(html).toContain('<option value="en">English</option>');
    for (const id of ['f-lang', 'f-body', 'f-translator', 'f-machine']) expect(html).toContain(`<label for="${id}">`);
    expect(html).toContain('<input type="checkbox" id="f-machine" name="machine" value="yes"/>');
  });

  it('shows the submitted values and the language error again', () => {
    const state = { ...emptyForm({ lang: 'xx', body: 'Texto', translator: 'Kim', machine: 'yes' }), errors: { lang: { key: 'error.TEXT_UNKNOWN_LANGUAGE' } } };
    const html = render(<TranslationFields state={state} />);
    expect(html).toContain('Choose a language from the list.');
    expect(html).toContain('>Texto</textarea>');
    expect(html).toContain('value="Kim"');
    expect(html).toMatch(/id="f-machine" name="machine" value="yes" checked/);
  });
});
