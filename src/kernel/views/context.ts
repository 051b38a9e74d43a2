import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Actor } from '../auth/actor.js';
import type { Translator, MessageKey, Values } from '../i18n/i18n.js';

export interface Flash {
  kind: 'ok' | 'error';
  key: string;
  values?: Record<string, string | number>;
}

/** What every page needs to render: set once per request, read through useCtx(). */
export interface PageContext {
  i18n: Translator;
  actor: Actor;
  csrf: string;
  /** Path and query of this request; the language switcher returns here. */
  path: string;
  cssHref: string;
  flash?: Flash | undefined;
  /** A federation admin who has not enrolled TOTP sees only the enrolment page. */
  restricted?: boolean;
}

export const Ctx = createContext<PageContext>(null as unknown as PageContext);

export function useCtx(): PageContext {
  return useContext(Ctx);
}

export function useT(): (key: MessageKey, values?: Values) => string {
  return useContext(Ctx).i18n.t;
}
