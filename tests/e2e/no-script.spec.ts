import { expect, test, type Browser, type BrowserContext } from '@playwright/test'
import { DEMO_PASSWORD, expectAccessible, signInAndWait } from './helpers'

// A form submitted before the page's script has loaded (slow network, script blocked) is sent by
// the browser itself: with no method it would be a GET with the password in the address, which
// ends up in history, logs and Referer headers. Every form posts.

const NEW_PASSWORD = 'Tulip-granite-7-harbor'

function baseURL(): string {
  return test.info().project.use.baseURL!
}

/** A context without JavaScript that records every address the browser asks for. */
async function withoutScript(browser: Browser, storageState?: Awaited<ReturnType<BrowserContext['storageState']>>) {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: baseURL(), locale: 'zh-CN', storageState })
  const requests: { method: string; url: string }[] = []
  context.on('request', (request) => requests.push({ method: request.method(), url: request.url() }))
  return { context, requests }
}

function expectNoSecretIn(urls: string[], secrets: string[]) {
  for (const url of urls) {
    for (const secret of secrets) {
      expect(decodeURIComponent(url), url).not.toContain(secret)
      expect(url, url).not.toContain(encodeURIComponent(secret))
    }
    expect(url).not.toMatch(/[?&](password|currentPassword|newPassword|confirmPassword)=/)
  }
}

test('without JavaScript the sign-in form posts: the password never reaches an address', async ({ browser, page }) => {
  await page.goto('/login')
  await expectAccessible(page)

  const { context, requests } = await withoutScript(browser)
  const bare = await context.newPage()
  await bare.goto('/login')
  await bare.getByLabel('用户名').fill('ncjd.v1')
  await bare.getByLabel('密码').fill(DEMO_PASSWORD)
  await bare.getByRole('button', { name: '登录' }).click()
  await bare.waitForLoadState()
  expect(requests.filter((r) => r.method === 'POST').map((r) => new URL(r.url).pathname)).toEqual(['/login'])
  expectNoSecretIn([...requests.map((r) => r.url), bare.url()], [DEMO_PASSWORD])
  await context.close()
})

test('without JavaScript the change-password form posts: no password reaches an address', async ({ browser, page }) => {
  await signInAndWait(page, 'chd.v1')
  await page.goto('/change-password')
  await expectAccessible(page)

  const { context, requests } = await withoutScript(browser, await page.context().storageState())
  const bare = await context.newPage()
  await bare.goto('/change-password')
  await bare.getByLabel('当前密码').fill(DEMO_PASSWORD)
  await bare.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD)
  await bare.getByLabel('再次输入新密码').fill(NEW_PASSWORD)
  await bare.getByRole('button', { name: '修改密码' }).click()
  await bare.waitForLoadState()
  expect(requests.filter((r) => r.method === 'POST').map((r) => new URL(r.url).pathname)).toEqual(['/change-password'])
  expectNoSecretIn([...requests.map((r) => r.url), bare.url()], [DEMO_PASSWORD, NEW_PASSWORD])
  await context.close()
})
