import { expect, test, type Page } from '@playwright/test'
import { makeIdNumber } from '@/lib/registry/idcard'
import { expectAccessible, signInAndWait, signOut } from './helpers'

// Issue 9: masked ID numbers that cannot be rebuilt, residents' rows exported only by the roles
// that maintain the register, and uploads over the size limit answered in the user's language.

// 王建军 of 宁城街道's first village (tests/e2e/server.ts).
const WANG_ID = makeIdNumber('371422', '1985-03-02', 11, 'MALE')

async function openRegister(page: Page) {
  await page.getByTestId('main-nav').getByRole('link', { name: '人口信息' }).click()
  await expect(page.getByRole('heading', { name: '人口信息' })).toBeVisible()
}

test('an inspector sees no export button and the export address refuses; a township clerk has the button', async ({ page }) => {
  await signInAndWait(page, 'inspector')
  await openRegister(page)
  await page.getByLabel('查找居民').fill('王建军')
  await page.getByRole('button', { name: '查询', exact: true }).click()
  await expect(page.getByTestId('search-results')).toContainText('王建军')
  await expect(page.getByTestId('register-export')).toHaveCount(0)
  await expectAccessible(page)
  const refused = await page.request.get('/api/register/export?q=王建军')
  expect(refused.status()).toBe(403)
  expect(await refused.text()).toBe('您没有执行此操作的权限。')
  await signOut(page)

  await signInAndWait(page, 'ncjd.staff')
  await openRegister(page)
  await expect(page.getByTestId('register-export')).toBeVisible()
})

test('a village officer finds a resident by the last four digits, and no page shows those digits', async ({ page }) => {
  const last4 = WANG_ID.slice(-4)
  await signInAndWait(page, 'ncjd.v1')
  await openRegister(page)
  const search = page.getByLabel('查找居民')
  await search.fill(last4)
  await page.getByRole('button', { name: '查询', exact: true }).click()
  const results = page.getByTestId('search-results')
  await expect(results).toContainText('王建军')
  await expect(page.getByTestId('search-by-id')).toHaveText('按身份证号后 4 位查找的结果（号码不在页面上显示）。')
  await expect(page.getByLabel('查找居民')).toHaveValue('')
  await expect(results).toContainText(`${WANG_ID.slice(0, 4)}**************`)
  expect(await page.locator('main').innerText()).not.toContain(last4)
  await expectAccessible(page)

  await results.getByRole('link', { name: '王建军' }).click()
  await expect(page.getByTestId('person-name')).toHaveText('王建军')
  await expect(page.getByTestId('masked-id')).toHaveText(`${WANG_ID.slice(0, 4)}**************`)
  expect(await page.locator('main').innerText()).not.toContain(last4)
  await expectAccessible(page)
})

test('an upload over the size limit is refused in Chinese, before it is sent and by the server', async ({ page }) => {
  await signInAndWait(page, 'ncjd.staff')
  // Server actions sent from here on (signing in is one): the over-size file must not be one.
  const actionPosts: string[] = []
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.headers()['next-action']) actionPosts.push(request.url())
  })
  await page.getByTestId('main-nav').getByRole('link', { name: '导入导出' }).click()
  await expect(page.getByRole('heading', { name: '批量导入户和人口' })).toBeVisible()
  // 22 MB: over the import limit (20 MB) and over the server's action body limit (21 MB)
  const big = Buffer.alloc(22 * 1024 * 1024, 0x41)
  await page.getByLabel('导入文件（.xlsx 或 .csv）').setInputFiles({ name: '人口.csv', mimeType: 'text/csv', buffer: big })
  await page.getByRole('button', { name: '检查文件' }).click()
  await expect(page.getByText('文件太大（最大 20 MB）。')).toBeVisible()
  await expect(page.getByRole('heading', { name: '批量导入户和人口' })).toBeVisible()
  await expectAccessible(page)
  expect(actionPosts).toEqual([])

  // A client that skips the browser check gets the answer in the user's language too.
  const response = await page.request.post('/register/import', {
    headers: { 'next-action': '0'.repeat(42), 'content-type': 'text/plain' },
    data: big,
  })
  expect(response.status()).toBe(413)
  expect(await response.text()).toBe('文件太大，未上传（最大 20 MB）。请拆分文件后分批上传。')
  await signOut(page)

  await signInAndWait(page, 'admin')
  actionPosts.length = 0
  await page.goto('/regions/import')
  await page.getByLabel('CSV 文件').setInputFiles({ name: 'regions.csv', mimeType: 'text/csv', buffer: Buffer.alloc(1_000_001, 0x41) })
  await page.getByRole('button', { name: '检查文件' }).click()
  await expect(page.getByText('文件太大（最大 1 MB）。')).toBeVisible()
  expect(actionPosts).toEqual([])
})
