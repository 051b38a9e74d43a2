import { renderMarkdown } from '../../markdown/markdown.js';

// THE ONE PLACE in Hearth allowed to use dangerouslySetInnerHTML (the house lint
// whitelists this file and no other). It is safe here only because
// renderMarkdown escapes all raw HTML, keeps http/https/mailto links alone and
// drops remote images. Never pass it anything that did not come from renderMarkdown.
export function Markdown({ text, lang, dir, class: cls }: { text: string; lang?: string | undefined; dir?: 'auto' | 'ltr' | 'rtl' | undefined; class?: string | undefined }) {
  const html = renderMarkdown(text);
  return <div class={cls ? `markdown ${cls}` : 'markdown'} lang={lang} dir={dir} dangerouslySetInnerHTML={{ __html: html }} />;
}
