import { expect, test, type Locator, type Page } from '@playwright/test'
import { e2eDatabase, expectAccessible, signInAndWait } from './helpers'

// The assessment through its forms: a county official runs the population-services scheme,
// enters a commendation and a veto, publishes, and opens a township's "why" page; the county
// administrator imports a scheme with an error and reads what is wrong; a township sees its own place.

/** The township list of one form (the run page has two: adjustments and vetoes). */
async function chooseTownship(form: Locator, name: string) {
  const box = form.getByRole('combobox', { name: '乡镇' })
  await box.fill('')
  await box.pressSequentially(name)
  await expect(form.page().getByRole('listbox').getByRole('option').first()).toContainText(name)
  await box.press('Enter')
  await expect(form.page().getByRole('listbox')).toBeHidden()
}

async function openNav(page: Page, name: string) {
  await page.getByTestId('main-nav').getByRole('link', { name, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

test('a county official runs and publishes an assessment and opens a township’s why page', async ({ page }) => {
  test.setTimeout(180_000)
  const title = `人口服务工作考核（测试 ${Date.now() % 100000}）`
  await signInAndWait(page, 'county.official')
  await openNav(page, '考核排名')
  await expect(page.getByTestId('rankings').getByRole('row')).toHaveCount(12)
  await expectAccessible(page, { label: 'rankings' })

  await openNav(page, '考核运行')
  await expectAccessible(page, { label: 'runs' })
  const runForm = page.getByRole('form', { name: '发起考核' })
  // the empty title: a message at the field, nothing run
  await runForm.getByLabel('考核方案').selectOption({ label: '宁津县人口服务工作考核（第 1 版）' })
  await runForm.getByRole('button', { name: '开始考核' }).click()
  await expect(runForm.getByText('此项为必填项。')).toBeVisible()
  await runForm.getByLabel('考核名称').fill(title)
  // a double click runs the scheme once
  await runForm.getByRole('button', { name: '开始考核' }).dblclick()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible({ timeout: 60_000 })
  await expect(page.getByTestId('run-results').getByRole('row')).toHaveCount(12)
  await expectAccessible(page, { label: 'run (draft)' })

  // a commendation: the wrong value first, then the points
  const adjustment = page.getByRole('form', { name: '录入加减分' })
  await chooseTownship(adjustment, '大柳镇')
  await adjustment.getByLabel('分值').fill('十五')
  await adjustment.getByLabel('事由').fill('工作经验被市级推广')
  await adjustment.getByLabel('依据文件').fill('宁政办字〔2026〕12号')
  await adjustment.getByRole('button', { name: '录入加减分' }).click()
  await expect(adjustment.getByText('分值须为不等于 0 的数字')).toBeVisible()
  await adjustment.getByLabel('分值').fill('15')
  await adjustment.getByRole('button', { name: '录入加减分' }).click()
  await expect(adjustment.getByText('加减分已录入，结果已重新计算')).toBeVisible()
  await expect(page.getByTestId('adjustments')).toContainText('大柳镇：工作经验被市级推广')

  const veto = page.getByRole('form', { name: '录入一票否决' })
  await chooseTownship(veto, '相衙镇')
  await veto.getByLabel('事由').fill('发生重大安全责任事故')
  await veto.getByLabel('依据文件').fill('宁发〔2026〕3号')
  await veto.getByRole('button', { name: '录入一票否决' }).click()
  await expect(page.getByTestId('vetoes')).toContainText('相衙镇：发生重大安全责任事故')

  page.once('dialog', (dialog) => dialog.accept())
  await page.getByRole('button', { name: '发布考核结果' }).click()
  await expect(page.getByTestId('published-note')).toBeVisible()
  await expect(page.getByRole('button', { name: '发布考核结果' })).toHaveCount(0)
  await expect(page.getByRole('form', { name: '录入加减分' })).toHaveCount(0)
  await expectAccessible(page, { label: 'run (published)' })

  await page
    .getByTestId('result-大柳镇')
    .getByRole('link', { name: /得分说明/ })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: '大柳镇 得分说明' })).toBeVisible()
  await expect(page.getByTestId('why-indicators').getByRole('row')).toHaveCount(5)
  await expect(page.getByTestId('why-onTime')).toContainText('报表按时上报率')
  await expect(page.getByTestId('why-adjustments')).toContainText('+15 工作经验被市级推广（宁政办字〔2026〕12号）')
  await expect(page.getByTestId('why-summary')).toContainText(title)
  await expectAccessible(page, { label: 'why' })

  // the rankings now show this run, with the movement since the previous one
  await openNav(page, '考核排名')
  await page.getByLabel('考核方案').selectOption({ label: '宁津县人口服务工作考核' })
  await page.getByRole('button', { name: '查看' }).click()
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible()
  await expect(page.getByTestId('rank-大柳镇')).toContainText(/上升|下降|持平/)
  await expectAccessible(page, { label: 'rankings after publication' })

  const db = e2eDatabase()
  try {
    expect(await db.assessmentRun.count({ where: { title } })).toBe(1)
  } finally {
    await db.$disconnect()
  }
})

test('the county administrator imports a scheme with an error and reads what is wrong; nothing is saved', async ({ page }) => {
  await signInAndWait(page, 'admin')
  await openNav(page, '考核方案')
  await expectAccessible(page, { label: 'schemes' })
  const form = page.getByRole('form', { name: '新建或导入方案' })
  await form.getByRole('button', { name: '保存方案' }).click()
  await expect(form.getByText('请粘贴方案 JSON 或选择文件')).toBeVisible()
  const scheme = {
    format: 'xiangzhen.assessment-scheme/1',
    key: 'e2e-broken',
    name: '测试方案',
    maxPoints: 100,
    veto: { effect: 'dropPlaces', places: 2 },
    nodes: [
      { code: 'a', name: '甲组', parent: null, maxPoints: 60, combine: 'sum' },
      { code: 'a1', name: '甲一', parent: 'a', maxPoints: 50, method: { kind: 'manual' } },
      { code: 'b', name: '乙', parent: null, maxPoints: 40, method: { kind: 'best-of-three' } },
    ],
  }
  await form.getByLabel('方案 JSON').fill(JSON.stringify(scheme, null, 2))
  await form.getByRole('button', { name: '保存方案' }).click()
  await expect(form.getByRole('alert')).toContainText('方案有误，未保存')
  await expect(form.getByRole('alert')).toContainText('指标 b 的计分方法 “best-of-three” 不存在')
  await expectAccessible(page, { label: 'schemes with an error' })
  // the method put right, the points still do not add up
  scheme.nodes[2].method = { kind: 'manual' }
  await form.getByLabel('方案 JSON').fill(JSON.stringify(scheme, null, 2))
  await form.getByRole('button', { name: '保存方案' }).click()
  await expect(form.getByRole('alert')).toContainText('a 的下级满分合计 50，与其满分 60 不符')
  await expect(page.getByTestId('schemes')).not.toContainText('测试方案')

  scheme.nodes[1].maxPoints = 60
  await form.getByLabel('方案 JSON').fill(JSON.stringify(scheme, null, 2))
  await form.getByRole('button', { name: '保存方案' }).click()
  await expect(page.getByRole('heading', { level: 1, name: '测试方案' })).toBeVisible()
  await expect(page.getByTestId('scheme-nodes').getByRole('row')).toHaveCount(3)
  await expectAccessible(page, { label: 'scheme' })
})

test('a township sees only its own place', async ({ page }) => {
  await signInAndWait(page, 'ncjd.staff')
  await openNav(page, '考核排名')
  await expect(page.getByTestId('rankings').getByRole('row')).toHaveCount(1)
  await expect(page.getByTestId('rankings')).toContainText('宁城街道')
  await page
    .getByTestId('rankings')
    .getByRole('link', { name: /得分说明/ })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: '宁城街道 得分说明' })).toBeVisible()
  await expectAccessible(page, { label: 'township why' })
})
