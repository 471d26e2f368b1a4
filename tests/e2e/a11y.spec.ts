import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, signInAndWait } from './helpers'

// Every page a role's navigation offers, and the main detail pages reached from the lists, pass
// axe-core's WCAG 2 A/AA rules in Chinese and in English. The pages are reached by clicking, as a
// person would; each violation is reported (soft) so one run lists them all.

test.use({ actionTimeout: 15_000 })

const ROLES = ['admin', 'county.official', 'inspector', 'ncjd.admin', 'ncjd.leader', 'ncjd.staff', 'ncjd.v1', 'chd.service']
/** Whom each role's register search looks for: a resident of its own region (tests/e2e/server.ts). */
const SEARCH: Record<string, string> = { 'chd.service': '陈立新' }

async function check(page: Page, label: string) {
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible()
  await expectAccessible(page, { soft: true, label })
}

async function openNav(page: Page, name: string) {
  const link = page.getByTestId('main-nav').getByRole('link', { name, exact: true })
  const href = await link.getAttribute('href')
  await link.click()
  await expect(page).toHaveURL((url) => url.pathname === href)
}

/** The first link of the list's first row that leads to a path like `prefix/<id>`. */
async function openFirst(page: Page, pattern: RegExp): Promise<boolean> {
  const links = page.getByRole('main').getByRole('link')
  for (const link of await links.all()) {
    const href = await link.getAttribute('href')
    if (href && pattern.test(href)) {
      await link.click()
      await expect(page).toHaveURL((url) => pattern.test(url.pathname))
      return true
    }
  }
  return false
}

async function visitAll(page: Page, lang: string, username: string) {
  const names = (await page.getByTestId('main-nav').getByRole('link').allTextContents()).map((s) => s.trim())
  expect(names.length).toBeGreaterThan(0)
  await expect(page.locator('html')).toHaveAttribute('lang', lang)
  const seen: string[] = []
  for (const name of names) {
    await openNav(page, name)
    await check(page, `${lang} ${name}`)
    const path = new URL(page.url()).pathname
    seen.push(path)
    if (path === '/register') {
      // the register lists nobody until one searches
      await page
        .getByRole('search')
        .getByRole('textbox')
        .first()
        .fill(SEARCH[username] ?? '王建军')
      await page
        .getByRole('search')
        .getByRole('button', { name: /^(查询|Search)$/ })
        .click()
      await expect(page.getByTestId('search-results')).toBeVisible()
      await check(page, `${lang} register results`)
      if (await openFirst(page, /^\/register\/persons\/\d+$/)) {
        await check(page, `${lang} person`)
        if (await openFirst(page, /^\/register\/households\/\d+$/)) await check(page, `${lang} household`)
      }
    }
    if (path === '/register/migrants') {
      if (await openFirst(page, /^\/register\/migrants\/\d+$/)) {
        await check(page, `${lang} migrant`)
        if (await openFirst(page, /^\/register\/migrants\/\d+\/print\/\d+$/)) await check(page, `${lang} exchange print`)
      }
    }
    if (path === '/reports') {
      if (await openFirst(page, /^\/reports\/\d+$/)) {
        await check(page, `${lang} report`)
        await page
          .getByRole('link', { name: /打印|Print/ })
          .first()
          .click()
        await expect(page).toHaveURL(/\/reports\/\d+\/print$/)
        await check(page, `${lang} report print`)
      }
    }
    if (path === '/users') {
      if (await openFirst(page, /^\/users\/\d+$/)) await check(page, `${lang} user`)
    }
  }
  return seen
}

for (const username of ROLES) {
  test(`${username}: every page passes axe-core in Chinese and English`, async ({ page }) => {
    // a county official's navigation has about 25 pages (every module's), each in two languages
    test.setTimeout(1_200_000)
    await signInAndWait(page, username)
    await visitAll(page, 'zh-CN', username)
    await page.getByRole('button', { name: 'English' }).click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
    await visitAll(page, 'en', username)
  })
}
