import { expect, test } from '@playwright/test'
import { DEMO_PASSWORD, expectAccessible, navItems, signIn, signInAndWait, signOut } from './helpers'

const ADMIN = [
  '首页',
  '待办',
  '任务设置',
  '承办部门',
  '服务站（室）',
  '托育服务',
  '服务目录',
  '扶助项目',
  '报表设置',
  '考核排名',
  '考核方案',
  '行政区划',
  '用户管理',
  '审计日志',
]
const TOWNSHIP_ADMIN = ['首页', '待办', '服务站（室）', '托育服务', '行政区划', '用户管理', '审计日志']
const COUNTY = [
  '首页',
  '统计看板',
  '待办',
  '工作任务',
  '目标管理责任书',
  '来电来信来访',
  '人口信息',
  '流动人口',
  '服务与覆盖',
  '集体活动',
  '药具管理',
  '药具月报帐',
  '服务站（室）',
  '托育服务',
  '奖励扶助',
  '统计报表',
  '报表及时性',
  '考核排名',
  '考核运行',
  '人工录入指标',
  '督查考评',
  '抽样核查',
  '行政区划',
]
// the inspector sees the rankings; running assessments is the officials'
const INSPECTOR = [
  '首页',
  '统计看板',
  '待办',
  '人口信息',
  '流动人口',
  '服务与覆盖',
  '集体活动',
  '服务站（室）',
  '托育服务',
  '统计报表',
  '报表及时性',
  '考核排名',
  '督查考评',
  '抽样核查',
  '行政区划',
]
const LEADER = [
  '首页',
  '统计看板',
  '待办',
  '工作任务',
  '目标管理责任书',
  '来电来信来访',
  '人口信息',
  '流动人口',
  '服务与覆盖',
  '集体活动',
  '药具管理',
  '药具月报帐',
  '服务站（室）',
  '托育服务',
  '奖励扶助',
  '统计报表',
  '考核排名',
  '整改台账',
  '行政区划',
]
const TOWNSHIP_STAFF = [
  '首页',
  '统计看板',
  '待办',
  '工作任务',
  '目标管理责任书',
  '来电来信来访',
  '人口信息',
  '流动人口',
  '变更核查',
  '数据质量',
  '导入导出',
  '服务与覆盖',
  '集体活动',
  '药具管理',
  '药具月报帐',
  '服务站（室）',
  '托育服务',
  '奖励扶助',
  '统计报表',
  '考核排名',
  '整改台账',
  '行政区划',
]
const VILLAGE = [
  '首页',
  '统计看板',
  '待办',
  '工作任务',
  '目标管理责任书',
  '人口信息',
  '流动人口',
  '数据质量',
  '导入导出',
  '服务与覆盖',
  '集体活动',
  '药具管理',
  '药具月报帐',
  '服务站（室）',
  '奖励扶助',
  '统计报表',
]
const SERVICE_STAFF = [
  '首页',
  '统计看板',
  '待办',
  '人口信息',
  '流动人口',
  '服务与覆盖',
  '集体活动',
  '药具管理',
  '药具月报帐',
  '服务站（室）',
  '托育服务',
  '行政区划',
]

const accounts: [string, string, string[]][] = [
  ['admin', '系统管理员', ADMIN],
  ['county.official', '县卫健局工作人员', COUNTY],
  ['county.stats', '县卫健局工作人员', COUNTY],
  ['county.head', '县卫健局工作人员', COUNTY],
  ['inspector', '督查组成员', INSPECTOR],
  ['ncjd.admin', '系统管理员', TOWNSHIP_ADMIN],
  ['ncjd.leader', '乡镇分管领导', LEADER],
  ['ncjd.staff', '乡镇统计员', TOWNSHIP_STAFF],
  ['ncjd.stats', '乡镇统计员', TOWNSHIP_STAFF],
  ['chd.staff', '乡镇统计员', TOWNSHIP_STAFF],
  ['ncjd.v1', '村信息员', VILLAGE],
  ['chd.v1', '村信息员', VILLAGE],
  ['chd.service', '服务站人员', SERVICE_STAFF],
]

test.describe('each demo role', () => {
  for (const [username, role, nav] of accounts) {
    test(`${username} signs in and sees only its navigation`, async ({ page }) => {
      await signInAndWait(page, username)
      await expect(page.getByTestId('current-user')).toContainText(role)
      expect(await navItems(page)).toEqual(nav)
      if (!nav.includes('用户管理')) {
        const response = await page.goto('/users')
        expect(response?.status()).toBe(404)
        await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible()
      }
      // pages left out of the navigation are not there for the role either (a township admin has
      // report.configure, a township leader report.view: both are county pages)
      for (const [label, href] of [
        ['统计报表', '/reports'],
        ['报表及时性', '/reports/timeliness'],
        ['报表设置', '/reports/settings'],
        ['考核排名', '/assessment'],
        ['考核运行', '/assessment/runs'],
        ['考核方案', '/assessment/schemes'],
        ['服务与覆盖', '/services'],
        ['服务目录', '/services/catalogue'],
        ['工作任务', '/work'],
        ['任务设置', '/work/settings'],
        ['来电来信来访', '/cases'],
        ['承办部门', '/cases/departments'],
        ['服务站（室）', '/services/stations'],
        ['托育服务', '/services/childcare'],
        ['奖励扶助', '/benefits'],
        ['扶助项目', '/benefits/programs'],
      ]) {
        const response = await page.goto(href)
        expect(response?.status(), href).toBe(nav.includes(label) ? 200 : 404)
      }
      await page.goto('/')
      await signOut(page)
      // Signed out on the server: the app sends us back to sign in.
      await page.goto('/regions')
      await expect(page).toHaveURL(/\/login/)
    })
  }
})

test('the sign-in form answers empty, overlong and hostile input plainly', async ({ page }) => {
  await page.goto('/login')
  await page.getByRole('button', { name: '登录' }).click()
  await expect(page.getByText('此项为必填项。').first()).toBeVisible()
  for (const username of ['x'.repeat(10_000), "admin' OR '1'='1", '<script>alert(1)</script>', '管理员😀']) {
    await signIn(page, username, "' OR 1=1 --")
    await expect(page.locator('form').getByRole('alert')).toHaveText('用户名或密码错误。')
    await expect(page).toHaveURL(/\/login/)
  }
})

test('wrong passwords make the next try wait, the same for an unknown username, and the right one works afterwards', async ({ page }) => {
  await page.goto('/login')
  await expect(page.getByText('多次输错密码后须等待越来越长的时间才能再试')).toBeVisible()
  await expectAccessible(page)
  const answers = async (username: string) => {
    const out: string[] = []
    for (let i = 1; i <= 4; i++) {
      await signIn(page, username, 'wrong-password')
      const alert = page.locator('form').getByRole('alert')
      await expect(alert).toBeVisible()
      out.push((await alert.textContent())!.trim())
    }
    return out
  }
  const known = await answers('e2e.lock')
  expect(known).toEqual(['用户名或密码错误。', '用户名或密码错误。', '用户名或密码错误。', '尝试次数过多，请 1 秒后再试。'])
  await expectAccessible(page)
  // An account that does not exist reads exactly the same: nothing tells them apart.
  expect(await answers('e2e.nobody')).toEqual(known)

  // Not a lock: once the wait is over, the right password signs in.
  await page.waitForTimeout(1_500)
  await signInAndWait(page, 'e2e.lock')
})

test('a reset account must change its password at first sign-in', async ({ page }) => {
  await signInAndWait(page, 'admin')
  await page.goto('/users?q=e2e.reset')
  await page.getByRole('link', { name: 'e2e.reset' }).click()
  page.once('dialog', (dialog) => dialog.accept())
  await page.getByRole('button', { name: '重置密码' }).click()
  const temporary = (await page.getByTestId('temporary-password').textContent())!.trim()
  expect(temporary).toMatch(/^[A-Za-z0-9]{12}$/)
  await signOut(page)

  await signIn(page, 'e2e.reset', temporary)
  await expect(page).toHaveURL(/\/change-password/)
  await expect(page.getByText('请先设置自己的新密码')).toBeVisible()
  await page.goto('/regions')
  await expect(page).toHaveURL(/\/change-password/)

  await page.getByLabel('当前密码').fill(temporary)
  await page.getByLabel('新密码', { exact: true }).fill('e2e.reset')
  await page.getByLabel('再次输入新密码').fill('e2e.reset')
  await page.getByRole('button', { name: '修改密码' }).click()
  await expect(page.getByText('密码至少需要 10 个字符。').or(page.getByText('密码不能包含用户名。')).first()).toBeVisible()
  // what was typed stays after an error
  await expect(page.getByLabel('当前密码')).toHaveValue(temporary)

  // Long enough but common: the strength check refuses it.
  await page.getByLabel('新密码', { exact: true }).fill('password1234')
  await page.getByLabel('再次输入新密码').fill('password1234')
  await page.getByRole('button', { name: '修改密码' }).click()
  await expect(page.getByText('密码太常见或太容易猜到').first()).toBeVisible()

  await page.getByLabel('新密码', { exact: true }).fill('My-own-pass-2026')
  await page.getByLabel('再次输入新密码').fill('My-own-pass-2026')
  await page.getByRole('button', { name: '修改密码' }).click()
  await expect(page.getByText('密码已修改。')).toBeVisible()
  expect(await page.getByTestId('main-nav').getByRole('link').allTextContents()).toEqual(TOWNSHIP_STAFF)

  await signOut(page)
  await signIn(page, 'e2e.reset', temporary)
  await expect(page.locator('form').getByRole('alert')).toHaveText('用户名或密码错误。')
})

test('the language switch turns the interface to English and back', async ({ page }) => {
  await page.goto('/login')
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible()
  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await page.getByLabel('Username').fill('ncjd.staff')
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByTestId('current-user')).toContainText('Township statistician')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  expect((await page.getByTestId('main-nav').getByRole('link').allTextContents()).map((s) => s.trim())).toEqual([
    'Home',
    'Dashboard',
    'Inbox',
    'Tasks',
    'Responsibility agreements',
    'Complaints and inquiries',
    'Register',
    'Migrants',
    'Change review',
    'Data quality',
    'Import and export',
    'Services and coverage',
    'Group activities',
    'Supplies',
    'Monthly supplies ledger',
    'Service stations and rooms',
    'Childcare',
    'Benefits',
    'Statistical reports',
    'Rankings',
    'Rectification ledger',
    'Regions',
  ])
  await page.getByRole('button', { name: '中文' }).click()
  await expect(page.getByTestId('current-user')).toContainText('乡镇统计员')
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
})

test('every page carries the security headers', async ({ request }) => {
  const response = await request.get('/login')
  const headers = response.headers()
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/)
  expect(headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/)
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
  expect(headers['x-powered-by']).toBeUndefined()
})

test('every page names the app’s icon, and the icon is served before sign-in', async ({ page }) => {
  await page.goto('/login')
  const href = await page.locator('link[rel="icon"]').first().getAttribute('href')
  expect(href).toMatch(/^\/icon\.svg/)
  const response = await page.request.get(href!)
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toContain('image/svg+xml')
})
