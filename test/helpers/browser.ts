// A cookie-keeping client over app.inject() that fills in CSRF tokens the way
// a browser submitting the rendered form would.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export class InjectBrowser {
  readonly cookies = new Map<string, string>();
  lastHtml = '';

  constructor(readonly app: FastifyInstance, readonly headers: Record<string, string> = {}) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(res: LightMyRequestResponse): void {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && new Date(c.expires).getTime() < Date.now()) || c.maxAge === 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if (String(res.headers['content-type'] ?? '').includes('text/html')) this.lastHtml = res.body;
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({ method: 'GET', url, headers: { ...this.headers, cookie: this.cookieHeader(), ...headers } });
    this.remember(res);
    return res;
  }

  csrf(): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(this.lastHtml);
    if (!m) throw new Error('no CSRF token on the last page');
    return m[1]!;
  }

  /** POST a form; the CSRF token comes from the last page unless given. */
  async post(url: string, form: Record<string, string>, opts: { csrf?: string | false } = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams(form);
    if (opts.csrf !== false) body.set('_csrf', opts.csrf ?? this.csrf());
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { ...this.headers, cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.remember(res);
    return res;
  }

  /** GET the page the form is on, then submit it. */
  async submit(pageUrl: string, action: string, form: Record<string, string>): Promise<LightMyRequestResponse> {
    await this.get(pageUrl);
    return this.post(action, form);
  }
}
