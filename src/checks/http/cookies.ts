// Set-Cookie (RFC 6265bis §5.6): the attributes HTTP-09 judges.
import type { HeaderVerdict } from './headers.js';

export interface Cookie {
  name: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: string;
  /** Expires or Max-Age present: a persistent cookie. */
  persistent: boolean;
}

export function parseSetCookie(header: string): Cookie | undefined {
  const [pair = '', ...attrs] = header.split(';');
  const eq = pair.indexOf('=');
  const name = (eq < 0 ? '' : pair.slice(0, eq)).trim();
  if (eq < 0 && pair.trim() === '') return undefined;
  const cookie: Cookie = { name: name || pair.trim(), secure: false, httpOnly: false, persistent: false };
  for (const a of attrs) {
    const i = a.indexOf('=');
    const key = (i < 0 ? a : a.slice(0, i)).trim().toLowerCase();
    const value = i < 0 ? '' : a.slice(i + 1).trim();
    if (key === 'secure') cookie.secure = true;
    else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'samesite') cookie.sameSite = value.toLowerCase();
    else if (key === 'expires' || key === 'max-age') cookie.persistent = true;
  }
  return cookie;
}

// Names frameworks give session and login cookies; our heuristic for "looks like a session".
// (CSRF cookies are left out: double-submit schemes need scripts to read them.)
const SESSION_NAME = /sess|sid$|^sid|auth|token|login|jwt|remember|identity|^__host-|^__secure-/i;

export const looksLikeSession = (c: Cookie) => !/csrf|xsrf/i.test(c.name) && (SESSION_NAME.test(c.name) || !c.persistent);

/** HTTP-09: session cookies need Secure and HttpOnly (else fail); every cookie should say SameSite and, over HTTPS, Secure (else warn). */
export function judgeCookies(headers: string[]): HeaderVerdict {
  const cookies = headers.map(parseSetCookie).filter((c): c is Cookie => c !== undefined);
  if (cookies.length === 0) return { status: 'pass', summary: 'No cookies are set.' };
  const failures: string[] = [];
  const warnings: string[] = [];
  for (const c of cookies) {
    const missing = [!c.secure && 'Secure', !c.httpOnly && 'HttpOnly'].filter(Boolean) as string[];
    if (looksLikeSession(c) && missing.length > 0) failures.push(`${c.name} (a session cookie) lacks ${missing.join(' and ')}`);
    else if (!c.secure) warnings.push(`${c.name} lacks Secure`);
    if (c.sameSite === undefined) warnings.push(`${c.name} has no SameSite`);
    else if (c.sameSite === 'none' && !c.secure) failures.push(`${c.name} has SameSite=None without Secure`);
  }
  const facts = { cookies };
  if (failures.length > 0) return { status: 'fail', summary: `Cookie problems: ${[...failures, ...warnings].join('; ')}.`, facts };
  if (warnings.length > 0) return { status: 'warn', summary: `Cookie problems: ${warnings.join('; ')}.`, facts };
  return { status: 'pass', summary: `${cookies.length} cookie${cookies.length === 1 ? '' : 's'} set, all with Secure, SameSite and (for sessions) HttpOnly.`, facts };
}
