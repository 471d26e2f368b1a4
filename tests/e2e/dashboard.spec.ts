import { expect, test } from '@playwright/test'
import { expectAccessible, signInAndWait } from './helpers'

// The dashboards (issue 13) as their users meet them: the county official's charts with their
// tables, the population figure against the report's live figure for the same month, a period
// change through the picker, a township's villages only, and one chart's print view.

test.describe.configure({ mode: 'serial' })

test('the county official’s dashboard: charts with tables, the registered population equal to the report’s, a period change', async ({ page }) => {
  test.setTimeout(300_000)
  await signInAndWait(page, 'county.official')
  await page.getByTestId('main-nav').getByRole('link', { name: '统计看板' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('宁津县统计看板', { timeout: 120_000 })
  // every chart is drawn (an SVG) and named; the side-by-side table lists the 12 townships
  for (const chart of ['trend', 'pyramid', 'vital', 'sexRatio', 'migration', 'quality']) {
    const section = page.getByTestId(`chart-${chart}`)
    await expect(section.locator('[role="img"][data-chart]')).toHaveAttribute('aria-label', /^图表：/)
    await expect(section.locator('svg').first()).toBeVisible()
  }
  await expect(page.getByTestId('compare-table').locator('tbody tr')).toHaveCount(13)
  await expect(page.getByTestId('compare-legend')).toContainText('明显偏高')
  await expectAccessible(page, { label: 'county dashboard' })

  // the table behind a chart opens for anyone who prefers numbers
  const trend = page.getByTestId('chart-trend')
  await trend.getByText('数据表').click()
  await expect(trend.locator('table tbody tr')).toHaveCount(24)

  // sorting the side-by-side table by a column, then the other way round
  const table = page.getByTestId('compare-table')
  await table.getByRole('button', { name: '户籍人口' }).click()
  await expect(table.locator('th[aria-sort="descending"]')).toHaveCount(1)
  const first = Number((await table.locator('tbody tr').first().locator('td[data-col="registered"]').textContent())!.replace(/[^\d]/g, ''))
  const second = Number((await table.locator('tbody tr').nth(1).locator('td[data-col="registered"]').textContent())!.replace(/[^\d]/g, ''))
  expect(first).toBeGreaterThanOrEqual(second)

  // a period change through the picker: an earlier month
  const picker = page.getByRole('search', { name: '统计期' })
  const options = await picker.getByLabel('统计期').locator('option').allTextContents()
  expect(options.length).toBeGreaterThan(24)
  await picker.getByLabel('统计期').selectOption({ index: 3 })
  await picker.getByRole('button', { name: '查看' }).click()
  await expect(page.getByTestId('dashboard-period')).toContainText(options[3])
  const month = (await page.getByTestId('dashboard-period').textContent())!.match(/\d{4}-\d{2}/)![0]
  const registered = (await page.getByTestId('headline').locator('[data-figure="registered"]').textContent())!.replace(/[^\d]/g, '')
  expect(Number(registered)).toBeGreaterThan(0)
  await expectAccessible(page, { label: 'county dashboard, earlier month' })

  // the report's live figures of the same month say the same
  await page.getByTestId('main-nav').getByRole('link', { name: '统计报表' }).click()
  const live = page.getByRole('form', { name: '实时数字' })
  await live.getByLabel('报表种类').selectOption({ label: '月报' })
  await live.getByLabel('统计期').selectOption(month)
  await live.getByRole('button', { name: '查看实时数字' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('实时数字')
  const reportTotal = (await page.getByTestId('table-population.stock').getByTestId('total-row').locator('td').nth(1).textContent())!.trim()
  expect(reportTotal).toBe(registered)
})

test('a township official sees their villages only, opens a village, and prints one chart', async ({ page }) => {
  test.setTimeout(240_000)
  await signInAndWait(page, 'ncjd.leader')
  await page.getByTestId('main-nav').getByRole('link', { name: '统计看板' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('宁城街道统计看板', { timeout: 120_000 })
  const rows = page.getByTestId('compare-table').locator('tbody tr')
  // every row but the township's own total is one of its villages (社区 or 村), never a township
  const names = await rows.locator('th').allTextContents()
  expect(names.at(-1)).toBe('宁城街道')
  expect(names.slice(0, -1).length).toBeGreaterThan(1)
  for (const name of names.slice(0, -1)) expect(name).not.toMatch(/镇$|街道$|乡$/)
  await expect(page.getByTestId('chart-migration').locator('svg').first()).toBeVisible()
  await expectAccessible(page, { label: 'township dashboard' })

  // a figure opens the records behind it (追溯): as many people as the cell says
  const cell = rows.first().locator('td[data-col="registered"]').getByRole('link')
  const figure = Number((await cell.textContent())!.replace(/[^\d]/g, ''))
  await cell.click()
  await expect(page.getByTestId('trace-count')).toBeVisible({ timeout: 60_000 })
  expect(Number((await page.getByTestId('trace-count').textContent())!.replace(/[^\d]/g, ''))).toBe(figure)
  await expectAccessible(page, { label: 'trace from the dashboard' })
  await page.goBack()
  await expect(page.getByTestId('compare-table')).toBeVisible({ timeout: 60_000 })

  // the print view of one chart: its title, the chart and the table, without the navigation
  await page.getByRole('link', { name: '打印：迁入迁出' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('迁入迁出（宁城街道')
  await expect(page.locator('svg').first()).toBeVisible()
  await expect(page.locator('table[data-table="migration"] tbody tr')).toHaveCount(names.length - 1)
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByTestId('main-nav')).toBeHidden()
  await page.emulateMedia({ media: 'screen' })
  await expectAccessible(page, { label: 'print view' })
  // the export of the same chart is an .xlsx
  await page.getByRole('link', { name: '返回看板' }).click()
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: '导出Excel：迁入迁出' }).click()
  expect((await download).suggestedFilename()).toMatch(/迁入迁出.*\.xlsx$/)
})

test('a village officer sees their village: what is due, its charts, no side-by-side table', async ({ page }) => {
  test.setTimeout(180_000)
  await signInAndWait(page, 'ncjd.v1')
  await page.getByTestId('main-nav').getByRole('link', { name: '统计看板' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('安业社区统计看板', { timeout: 120_000 })
  await expect(page.getByTestId('village-due')).toBeVisible()
  await expect(page.getByTestId('compare-table')).toHaveCount(0)
  await expect(page.getByTestId('chart-pyramid').locator('svg').first()).toBeVisible()
  await expectAccessible(page, { label: 'village dashboard' })
})
