// What every browser test does to a page: open a fresh visitor (JavaScript off
// unless asked), follow links and submit forms, and check each page it lands on.
import { expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expectAccessibleBasics } from './page-checks.js';
import type { TestPerson } from '../../test/factories/index.js';

export interface Visitor {
  context: BrowserContext;
  page: Page;
  /** Console errors (CSP violations included) and failed subresources seen so far. */
  problems: string[];
}

export async function newVisitor(browser: Browser, opts: { javaScriptEnabled?: boolean; bypassCSP?: boolean; locale?: string } = {}): Promise<Visitor> {
  const context = await browser.newContext({
    javaScriptEnabled: opts.javaScriptEnabled ?? false,
    // Only for tests that inject axe-core; flows run under the app's real CSP.
    bypassCSP: opts.bypassCSP ?? false,
    locale: opts.locale ?? 'en-GB',
    viewport: { width: 1000, height: 900 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
  });
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (r.status() >= 400 && r.request().resourceType() !== 'document' && url.pathname !== '/favicon.ico') problems.push(`${r.status()} ${url.pathname}`);
  });
  return { context, page, problems };
}

/** Runs an action that loads a new page (a link or a form), then checks that page's basics. */
export async function navigate(page: Page, action: () => Promise<unknown>): Promise<void> {
  await Promise.all([page.waitForEvent('load'), action()]);
  await expectAccessibleBasics(page);
}

export const open = (page: Page, url: string) => navigate(page, () => page.goto(url));
export const press = (page: Page, button: string) => navigate(page, () => page.getByRole('button', { name: button, exact: true }).click());
export const follow = (page: Page, link: string, within = 'main') =>
  navigate(page, () => page.locator(within).getByRole('link', { name: link, exact: true }).first().click());
export const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
export const h1 = async (page: Page) => (await page.getByRole('heading', { level: 1 }).textContent())?.replace(/\s+/g, ' ').trim();
export const flash = async (page: Page) => (await page.getByRole('status').first().textContent())?.trim();
export const alerts = async (page: Page) => (await page.getByRole('alert').allTextContents()).map((s) => s.trim());
export const mainText = async (page: Page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');
export const path = (page: Page) => new URL(page.url()).pathname;

/** A new visitor signed in through the form (people without a second factor). */
export async function signedIn(browser: Browser, origin: string, person: TestPerson): Promise<Visitor> {
  const v = await newVisitor(browser);
  await open(v.page, `${origin}/login`);
  await field(v.page, 'E-mail address').fill(person.email);
  await field(v.page, 'Password').fill(person.password);
  await press(v.page, 'Sign in');
  expect(path(v.page)).toBe('/');
  return v;
}
