import { expect, type Page } from '@playwright/test'

export const DEMO_PASSWORD = 'Ningjin@2026'

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login')
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录' }).click()
}

export async function signInAndWait(page: Page, username: string, password = DEMO_PASSWORD) {
  await signIn(page, username, password)
  await expect(page.getByTestId('current-user')).toBeVisible()
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: /退出登录|Sign out/ }).click()
  await expect(page).toHaveURL(/\/login/)
}

export async function navItems(page: Page): Promise<string[]> {
  return (await page.getByTestId('main-nav').getByRole('link').allTextContents()).map((s) => s.trim())
}
