// Markdown written by people (descriptions, proposals, announcements) rendered
// to HTML that is safe to place in a page as it is:
// - raw HTML in the source is shown as text (html: false), never interpreted;
// - links only to http, https and mailto; any other link is left as its source text;
// - every link gets rel="nofollow noopener noreferrer";
// - no remote images (they would tell another server who reads what): an image
//   becomes a plain link to its address labelled with its alt text; an image
//   whose address is not http(s)/mailto (data: and the like) keeps only its alt text;
// - headings shifted down two levels, because pages own <h1> and <h2>;
// - a length cap on the input and a nesting cap inside it.
// The output reaches the page only through <Markdown> (views/components/markdown.tsx).
import MarkdownIt, { type StateCore, type Token } from 'markdown-it';

/** Longest source rendered; anything after it is cut. Inputs should be validated shorter. */
export const MARKDOWN_MAX_LENGTH = 50_000;

const allowedLink = /^(https?:\/\/|mailto:)/i;
// data: passes the parser's check only so that the rule below can remove it (with
// an image's alt text kept) instead of leaving a long address in the text.
const parserLink = /^(https?:\/\/|mailto:|data:)/i;

const md = new MarkdownIt('default', {
  html: false,
  linkify: true,
  typographer: false,
  breaks: false,
  // Deeply nested quotes and lists cost time and help no reader.
  maxNesting: 20,
});

md.validateLink = (url: string) => parserLink.test(url.trim());

md.core.ruler.push('hearth_safety', (state: StateCore) => {
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = `h${Math.min(Number(token.tag.slice(1)) + 2, 6)}`;
    }
    if (token.type === 'inline' && token.children) token.children = safeInline(state, token.children);
  }
});

function safeInline(state: StateCore, children: Token[]): Token[] {
  const out: Token[] = [];
  // One entry per open link: was its <a> kept? Refused links lose their <a>, keeping the words inside.
  const links: boolean[] = [];
  for (const t of children) {
    if (t.type === 'image') {
      const src = String(t.attrGet('src') ?? '').trim();
      const alt = md.renderer.renderInlineAsText(t.children ?? [], md.options, state.env);
      // Inside a link an image keeps only its words: <a> may not nest.
      if (allowedLink.test(src) && !links.includes(true)) {
        const open = new state.Token('link_open', 'a', 1);
        open.attrs = [['href', src]];
        const text = new state.Token('text', '', 0);
        text.content = alt !== '' ? alt : src;
        out.push(open, text, new state.Token('link_close', 'a', -1));
      } else if (alt !== '' || allowedLink.test(src)) {
        const text = new state.Token('text', '', 0);
        text.content = alt !== '' ? alt : src;
        out.push(text);
      }
      continue;
    }
    if (t.type === 'link_open') {
      const ok = allowedLink.test(String(t.attrGet('href') ?? '').trim());
      links.push(ok);
      if (ok) out.push(t);
      continue;
    }
    if (t.type === 'link_close') {
      if (links.pop() === true) out.push(t);
      continue;
    }
    out.push(t);
  }
  return out;
}

const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx]!.attrSet('rel', 'nofollow noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Safe HTML for a Markdown text. Render it only through the <Markdown> component. */
export function renderMarkdown(text: string, opts: { maxLength?: number } = {}): string {
  const max = opts.maxLength ?? MARKDOWN_MAX_LENGTH;
  const source = text.length > max ? `${text.slice(0, max)}…` : text;
  return md.render(source);
}
