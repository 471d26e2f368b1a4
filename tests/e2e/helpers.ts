import { expect, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'

export const DEMO_PASSWORD = 'Ningjin@2026'

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login')
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录' }).click()
}

export async function signInAndWait(page: Page, username: string, password = DEMO_PASSWORD) {
  await signIn(page, username, password)
  // the first sign-in after start warms the server up: on a busy machine that takes a while
  await expect(page.getByTestId('current-user')).toBeVisible({ timeout: 30_000 })
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: /退出登录|Sign out/ }).click()
  await expect(page).toHaveURL(/\/login/)
}

export async function navItems(page: Page): Promise<string[]> {
  return (await page.getByTestId('main-nav').getByRole('link').allTextContents()).map((s) => s.trim())
}

/**
 * Runs axe-core's WCAG 2 A/AA rules on the page as it is shown now and expects no violation. The
 * failure message lists each rule with the first offending elements, so it can be fixed from the log.
 */
export async function expectAccessible(page: Page, options: { exclude?: string[]; soft?: boolean; label?: string } = {}) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector)
  const { violations } = await builder.analyze()
  const summary = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join('\n    ')}`,
  )
  const message = `axe-core WCAG 2 A/AA violations on ${options.label ? `${options.label} ` : ''}${page.url()}`
  // soft: the test goes on to the next page and fails at its end with every page's violations listed
  if (options.soft) expect.soft(summary, message).toEqual([])
  else expect(summary, message).toEqual([])
}
