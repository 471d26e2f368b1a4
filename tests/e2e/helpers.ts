import { expect, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import fs from 'node:fs'
import path from 'node:path'
import { createClient } from '@/lib/db/client'
import { OWNER_ROLE } from '@/lib/db/roles'
import { EMBEDDED_DATABASE } from '@/lib/db/runtime'

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

/**
 * A database client for a test's own setup and counts, as the owner role of the e2e server's
 * embedded database (its password is generated into that data folder's secrets.json).
 */
export function e2eDatabase() {
  const dir = path.resolve(process.env.XZ_DATA_DIR ?? '.data-e2e')
  const { ownerPassword } = JSON.parse(fs.readFileSync(path.join(dir, 'secrets.json'), 'utf8')) as { ownerPassword: string }
  return createClient(`postgresql://${OWNER_ROLE}:${encodeURIComponent(ownerPassword)}@127.0.0.1:${process.env.XZ_PG_PORT ?? 54339}/${EMBEDDED_DATABASE}`)
}

/**
 * Closes a fixture's database client. A fixture writes the register behind the app's back (no
 * register write hook runs), so it also marks the dashboard's statistics store stale, as an
 * out-of-band change must (docs/decisions/0014): the next dashboard read recomputes from the register.
 */
export async function closeFixtureDatabase(db: ReturnType<typeof e2eDatabase>) {
  try {
    await db.$executeRaw`UPDATE "StatMonth" SET stale = true, version = version + 1`
  } finally {
    await db.$disconnect()
  }
}

/**
 * Chooses in a searchable list (components/ui/Combobox) as a person does with the keyboard: types
 * the name and takes the first match with Enter; `emptyLabel` (e.g. 全部) clears the choice.
 */
export async function chooseInCombobox(page: Page, label: string, option: string, emptyLabel = '全部') {
  const box = page.getByRole('combobox', { name: label })
  const choices = page.getByRole('listbox').getByRole('option')
  if (option === emptyLabel) {
    await box.fill('')
    await box.press('Escape')
    await box.press('ArrowDown')
    await expect(choices.first()).toHaveText(emptyLabel)
  } else {
    await box.fill('')
    await box.pressSequentially(option)
    await expect(choices.first()).toContainText(option)
  }
  await box.press('Enter')
  await expect(page.getByRole('listbox')).toBeHidden()
}

/** Opens the audit log from the navigation and filters it to one kind of record, as an administrator does. */
export async function filterAudit(page: Page, entity: string) {
  await page.getByTestId('main-nav').getByRole('link', { name: '审计日志' }).click()
  await page.getByLabel('对象').selectOption({ label: entity })
  await page.getByRole('button', { name: '查询' }).click()
  await expect(page.getByTestId('audit-rows')).toBeVisible()
}
