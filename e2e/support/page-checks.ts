// An accessibility smoke check for every page the e2e tests visit (axe-core is
// not installed): one <h1>, a <main>, a skip link to it, a language, and a
// label for every field.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export async function expectAccessibleBasics(page: Page): Promise<void> {
  const where = new URL(page.url()).pathname;
  expect(await page.locator('h1').count(), `exactly one <h1> on ${where}`).toBe(1);
  expect(await page.locator('main').count(), `one <main> on ${where}`).toBe(1);
  expect((await page.locator('html').getAttribute('lang')) ?? '', `<html lang> on ${where}`).toMatch(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/);
  const skip = page.locator('a[href="#main"]');
  expect(await skip.count(), `a skip link on ${where}`).toBe(1);
  expect((await skip.textContent())?.trim(), `the skip link on ${where} has text`).toBeTruthy();
  expect(await page.locator('main#main').count(), `the skip link on ${where} reaches <main>`).toBe(1);
  const fields = page.locator('input:not([type="hidden"]), select, textarea');
  for (const field of await fields.all()) {
    const id = await field.getAttribute('id');
    const name = await field.getAttribute('name');
    expect(id, `field ${name} on ${where} has an id`).toBeTruthy();
    expect(await page.locator(`label[for="${id}"]`).count(), `field ${name} on ${where} has a label`).toBeGreaterThan(0);
  }
}
