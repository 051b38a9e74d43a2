import type { ComponentChildren } from 'preact';
import { locales } from '../i18n/i18n.js';
import { isFedAdmin } from '../auth/actor.js';
import { useCtx } from './context.js';
import { CsrfField } from './components/form.js';

/** A link of the footer's language list that replaces the interface-language switcher. */
export interface LanguageLink {
  code: string;
  name: string;
  href: string;
  current: boolean;
}

/**
 * `languages`: pages that offer their own choice of languages (an anonymous
 * respondent's form) list those plain links instead of the switcher, which sets a cookie.
 */
export function Layout({ title, children, languages }: { title: string; children: ComponentChildren; languages?: LanguageLink[] | undefined }) {
  const ctx = useCtx();
  const { t } = ctx.i18n;
  const signedIn = ctx.actor.kind === 'person';
  const here = encodeURIComponent(ctx.path);
  return (
    <html lang={ctx.i18n.locale} dir={ctx.i18n.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{`${title} · Hearth`}</title>
        <link rel="stylesheet" href={ctx.cssHref} />
      </head>
      <body>
        <a class="skip" href="#main">
          {t('layout.skip')}
        </a>
        <header class="site">
          <a class="brand" href="/">
            Hearth
          </a>
          <nav aria-label={t('layout.nav')}>
            <ul>
              {!ctx.restricted && (
                <li>
                  <a href="/directory">{t('nav.directory')}</a>
                </li>
              )}
              {!ctx.restricted && (
                <li>
                  <a href="/proposals">{t('nav.proposals')}</a>
                </li>
              )}
              {!ctx.restricted && (
                <>
                  <li>
                    <a href="/announcements">{t('nav.announcements')}</a>
                  </li>
                  <li>
                    <a href="/projects">{t('nav.projects')}</a>
                  </li>
                  <li>
                    <a href="/fund">{t('nav.fund')}</a>
                  </li>
                  <li>
                    <a href="/learn">{t('nav.learn')}</a>
                  </li>
                  <li>
                    <a href="/posture">{t('nav.posture')}</a>
                  </li>
                </>
              )}
              {signedIn && !ctx.restricted && (
                <>
                  <li>
                    <a href="/orgs">{t('nav.orgs')}</a>
                  </li>
                  <li>
                    <a href="/account">{t('nav.account')}</a>
                  </li>
                  {isFedAdmin(ctx.actor) && (
                    <li>
                      <a href="/admin">{t('nav.admin')}</a>
                    </li>
                  )}
                </>
              )}
              {signedIn ? (
                <li>
                  <form method="post" action="/logout" class="inline">
                    <CsrfField />
                    <button type="submit" class="link">
                      {t('nav.signOut')}
                    </button>
                  </form>
                </li>
              ) : (
                <li>
                  <a href="/login">{t('nav.signIn')}</a>
                </li>
              )}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex={-1}>
          {ctx.flash && (
            <p class={`flash flash-${ctx.flash.kind}`} role={ctx.flash.kind === 'error' ? 'alert' : 'status'}>
              {ctx.i18n.tDynamic(ctx.flash.key, ctx.flash.values)}
            </p>
          )}
          {children}
        </main>
        <footer class="site">
          <nav aria-label={t('layout.languages')}>
            <ul class="langs">
              {languages?.map((l) => (
                <li>
                  <a href={l.href} lang={l.code} hreflang={l.code} aria-current={l.current ? 'true' : undefined}>
                    {l.name}
                  </a>
                </li>
              ))}
              {!languages && locales.map((l) => (
                <li>
                  <a
                    href={`/lang/${l.code}?next=${here}`}
                    lang={l.code}
                    hreflang={l.code}
                    aria-current={l.code === ctx.i18n.locale ? 'true' : undefined}
                  >
                    {l.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </footer>
      </body>
    </html>
  );
}
