// A small, tolerant scan of a home page for the resources it loads (HTTP-10).
// Not a browser: it reads start tags and their attributes, skips comments and
// the raw text inside <script>/<style>, and never throws.
import type { HeaderVerdict } from './headers.js';

export interface Tag {
  name: string;
  attrs: Record<string, string>;
}

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

/** Start tags in document order (lower-case names and attribute names; first attribute of a name wins). */
export function scanTags(html: string, maxTags = 5000): Tag[] {
  const tags: Tag[] = [];
  const lowered = html.toLowerCase();
  let i = 0;
  while (i < html.length && tags.length < maxTags) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const m = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(lt, lt + 64));
    if (!m) {
      i = lt + 1;
      continue;
    }
    const name = m[1]!.toLowerCase();
    const { attrs, end } = readAttributes(html, lt + m[0].length);
    tags.push({ name, attrs });
    i = end;
    if (RAW_TEXT.has(name)) {
      const close = lowered.indexOf(`</${name}`, i);
      i = close < 0 ? html.length : close;
    }
  }
  return tags;
}

function readAttributes(html: string, start: number): { attrs: Record<string, string>; end: number } {
  const attrs: Record<string, string> = {};
  let i = start;
  const n = html.length;
  while (i < n) {
    while (i < n && /[\s/]/.test(html[i]!)) i++;
    if (i >= n) break;
    if (html[i] === '>') return { attrs, end: i + 1 };
    let nameEnd = i;
    while (nameEnd < n && !/[\s/>=]/.test(html[nameEnd]!)) nameEnd++;
    const name = html.slice(i, Math.max(nameEnd, i + 1)).toLowerCase();
    i = Math.max(nameEnd, i + 1);
    while (i < n && /\s/.test(html[i]!)) i++;
    let value = '';
    if (html[i] === '=') {
      i++;
      while (i < n && /\s/.test(html[i]!)) i++;
      const q = html[i];
      if (q === '"' || q === "'") {
        const close = html.indexOf(q, i + 1);
        value = html.slice(i + 1, close < 0 ? n : close);
        i = close < 0 ? n : close + 1;
      } else {
        let e = i;
        while (e < n && !/[\s>]/.test(html[e]!)) e++;
        value = html.slice(i, e);
        i = e;
      }
    }
    if (!Object.hasOwn(attrs, name)) attrs[name] = decodeEntities(value);
  }
  return { attrs, end: n };
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|quot|apos|lt|gt|#x[0-9a-f]+|#[0-9]+);/gi, (all, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    const code = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : all;
  });
}

export interface PageResources {
  scripts: Array<{ url: string; integrity: boolean }>;
  /** Hosts of other resources (styles, images, frames) that are not the site's own. */
  thirdPartyHosts: string[];
}

/** Whether `host` belongs to the site: the domain itself or one of its subdomains. */
export function isFirstParty(host: string, domain: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === domain || h.endsWith(`.${domain}`);
}

/** The external resources a page loads, as absolute URLs resolved against the page (and its <base href>). */
export function pageResources(html: string, pageUrl: string, domain: string): PageResources {
  const tags = scanTags(html);
  let base = pageUrl;
  const baseTag = tags.find((t) => t.name === 'base' && t.attrs.href);
  if (baseTag) base = tryUrl(baseTag.attrs.href!, pageUrl)?.href ?? pageUrl;
  const scripts: PageResources['scripts'] = [];
  const others = new Set<string>();
  for (const t of tags) {
    if (t.name === 'script' && t.attrs.src !== undefined) {
      const u = tryUrl(t.attrs.src, base);
      if (u) scripts.push({ url: u.href, integrity: (t.attrs.integrity ?? '').trim() !== '' });
      continue;
    }
    const ref = t.name === 'link' ? t.attrs.href : ['img', 'iframe', 'audio', 'video', 'source', 'embed'].includes(t.name) ? t.attrs.src : undefined;
    if (!ref) continue;
    const u = tryUrl(ref, base);
    if (u && (u.protocol === 'http:' || u.protocol === 'https:') && !isFirstParty(u.hostname, domain)) others.add(u.hostname);
  }
  return { scripts, thirdPartyHosts: [...others].sort() };
}

function tryUrl(ref: string, base: string): URL | undefined {
  try {
    return new URL(ref.trim(), base);
  } catch {
    return undefined;
  }
}

/** HTTP-10: plain-HTTP scripts fail; third-party scripts without SRI warn; other third-party requests are noted. */
export function judgeScripts(res: PageResources, domain: string): HeaderVerdict {
  const plain = res.scripts.filter((s) => s.url.startsWith('http:'));
  const thirdParty = res.scripts.filter((s) => /^https?:/.test(s.url) && !isFirstParty(new URL(s.url).hostname, domain));
  const noSri = thirdParty.filter((s) => !s.integrity);
  const facts = { scripts: res.scripts.map((s) => s.url), withoutIntegrity: noSri.map((s) => s.url), thirdPartyHosts: res.thirdPartyHosts };
  if (plain.length > 0) return { status: 'fail', summary: `Scripts are loaded over plain HTTP: ${plain.map((s) => s.url).slice(0, 3).join(', ')}.`, facts };
  if (noSri.length > 0) return { status: 'warn', summary: `Third-party scripts without Subresource Integrity: ${noSri.map((s) => s.url).slice(0, 3).join(', ')}.`, facts };
  const hosts = [...new Set([...thirdParty.map((s) => new URL(s.url).hostname), ...res.thirdPartyHosts])];
  if (hosts.length > 0) return { status: 'info', summary: `The home page loads resources from other sites: ${hosts.slice(0, 5).join(', ')}.`, facts };
  return { status: 'pass', summary: res.scripts.length === 0 ? 'The home page loads no external scripts.' : 'Every script comes from the site itself over HTTPS.', facts };
}
