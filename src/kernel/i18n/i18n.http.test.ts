import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines } from '../../../test/helpers/db.js';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { InjectBrowser } from '../../../test/helpers/browser.js';
import { makePerson, signIn } from '../../../test/factories/index.js';

describe.each(engines)('the language switcher and negotiation over HTTP (%s)', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t.close());

  it('answers an unknown language code with the not-found page and sets no cookie', async () => {
    const res = await new InjectBrowser(t.app).get('/lang/xx?next=/login');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Page not found');
    expect(res.cookies.find((c) => c.name === 'hearth_lang')).toBeUndefined();
  });

  it.each(['//evil.example', '/%2F%2Fevil.example', '%2F%252Fevil.example', 'https://evil.example/', '/\\evil.example'])(
    'refuses to send anyone off-site with next=%s',
    async (next) => {
      const res = await new InjectBrowser(t.app).get(`/lang/fr?next=${next}`);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/');
    },
  );

  it('switches to Arabic: cookie, redirect back, and a right-to-left page in Arabic', async () => {
    const b = new InjectBrowser(t.app);
    const res = await b.get('/lang/ar?next=/login');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login');
    const cookie = res.cookies.find((c) => c.name === 'hearth_lang');
    expect(cookie?.value).toBe('ar');
    expect(cookie?.httpOnly).toBe(true);

    const page = await b.get('/login');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="ar" dir="rtl">');
    expect(page.body).toContain('تسجيل الدخول');
    expect(page.body).not.toContain('>Sign in<');
  });

  it('speaks Spanish to an anonymous visitor whose browser asks for it', async () => {
    const page = await new InjectBrowser(t.app, { 'accept-language': 'es-AR,es;q=0.9,en;q=0.5' }).get('/login');
    expect(page.body).toContain('<html lang="es" dir="ltr">');
    expect(page.body).toContain('Iniciar sesión');
  });

  it('lets the switcher cookie win over the browser language', async () => {
    const b = new InjectBrowser(t.app, { 'accept-language': 'es' });
    await b.get('/lang/de?next=/login');
    const page = await b.get('/login');
    expect(page.body).toContain('<html lang="de" dir="ltr">');
    expect(page.body).toContain('Anmelden');
  });

  it("remembers a signed-in person's choice on their account, beyond the cookie", async () => {
    const p = await makePerson(t.deps);
    const b = new InjectBrowser(t.app, { 'accept-language': 'fr' });
    await signIn(b, p);
    expect((await b.get('/lang/cs?next=/account')).headers.location).toBe('/account');
    // Without the cookie (another browser of the same session), the saved choice still applies.
    b.cookies.delete('hearth_lang');
    const page = await b.get('/account');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="cs" dir="ltr">');
    expect(page.body).toContain('Váš účet');
  });
});
