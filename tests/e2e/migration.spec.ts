import { expect, test, type Page } from '@playwright/test'
import { expectAccessible, signInAndWait } from './helpers'

/** yyyy-mm-dd `n` days before today in China (UTC+8), as the app counts days. */
function daysAgo(n: number) {
  const d = new Date(Date.now() + 8 * 3_600_000)
  d.setUTCDate(d.getUTCDate() - n)
  return d.toISOString().slice(0, 10)
}

async function openExchanges(page: Page, name: string) {
  await page.goto('/register/migrants')
  const row = page.getByTestId('migrant-rows').getByRole('row').filter({ hasText: name })
  await row.getByRole('link', { name: '通报 / 反馈' }).click()
  await expect(page.getByRole('heading', { name: `${name} · 信息交流` })).toBeVisible()
}

test('township staff: migrants listed, a notice recorded and printed, the answer recorded; another township sees none of it', async ({ page }) => {
  await signInAndWait(page, 'ncjd.staff')
  await page.getByTestId('main-nav').getByRole('link', { name: '流动人口' }).click()
  await expect(page).toHaveURL(/\/register\/migrants$/)
  const rows = page.getByTestId('migrant-rows')
  const zhao = rows.getByRole('row').filter({ hasText: '赵文华' })
  const liu = rows.getByRole('row').filter({ hasText: '刘强' })
  await expect(zhao).toContainText('流入')
  await expect(zhao).toContainText('河北省沧州市吴桥县')
  await expect(zhao).toContainText('2025-03-01')
  await expect(liu).toContainText('流出')
  await expect(liu).toContainText('北京市朝阳区')
  await expect(liu).toContainText('未通报')
  await expect(liu.getByRole('link', { name: '刘强' })).toHaveAttribute('href', /\/register\/persons\/\d+$/)

  // direction filter
  await page.getByLabel('流动方向').selectOption('OUTFLOW')
  await page.getByRole('button', { name: '查询' }).click()
  await expect(rows.getByRole('row')).toHaveCount(1)
  await expect(rows).toContainText('刘强')

  await openExchanges(page, '刘强')
  const personUrl = page.url()
  await expect(page.getByText('还没有向对方县发过通报')).toBeVisible()

  // hostile and impossible input: a message, nothing recorded
  await page.getByLabel('对方县（市、区）').fill('<script>alert(1)</script>')
  await page.getByRole('button', { name: '登记发函' }).click()
  await expect(page.getByText('只能包含汉字、字母、数字')).toBeVisible()
  await expectAccessible(page)
  await page.getByLabel('对方县（市、区）').fill('北京市朝阳区')
  await page.getByLabel('发函日期').fill(daysAgo(-2))
  await page.getByRole('button', { name: '登记发函' }).click()
  await expect(page.getByText('日期不能晚于今天')).toBeVisible()
  await expect(page.getByTestId('exchanges')).toHaveCount(0)

  const sentOn = daysAgo(5)
  await page.getByLabel('发函日期').fill(sentOn)
  await page.getByRole('button', { name: '登记发函' }).click()
  await expect(page.getByText('已登记通报。')).toBeVisible()
  const exchange = page.getByTestId('exchanges').getByRole('listitem')
  await expect(exchange).toHaveCount(1)
  await expect(exchange).toContainText('已发函，待反馈')
  await expect(exchange).toContainText(sentOn)

  // the printed letter
  await exchange.getByRole('link', { name: '打印协查函' }).click()
  const letter = page.getByTestId('letter')
  await expect(letter.getByRole('heading', { name: '流动人口信息通报（协查）函' })).toBeVisible()
  await expect(letter).toContainText('北京市朝阳区：')
  await expect(letter).toContainText('发函单位：宁津县')
  await expect(letter).toContainText('（盖章）')
  await expect(letter).toContainText(`发函日期：${sentOn}`)
  await expect(letter).toContainText('刘强')
  await expect(letter).toContainText('1990-04-04')
  // the masked number shows the first four digits only (docs/decisions/0005)
  await expect(letter).toContainText(/3714\*{14}(?![\dX])/)
  await expect(letter).toContainText('2024-06-01')
  await expect(letter).not.toContainText('371422199004')
  await expect(page.getByRole('button', { name: '打印' })).toBeVisible()
  await expectAccessible(page)
  await page.emulateMedia({ media: 'print' })
  await expect(page.getByRole('button', { name: '打印' })).toBeHidden()
  await expect(page.getByTestId('main-nav')).toBeHidden()
  const pdf = await page.pdf({ format: 'A4' })
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
  await page.emulateMedia({ media: 'screen' })
  const printUrl = page.url()

  // the answer: not before the notice, then recorded
  await page.goto(personUrl)
  await page.getByLabel('反馈日期').fill(daysAgo(6))
  await page.getByLabel('反馈内容').fill('已核实，本人在朝阳区务工，已告知当地服务站。')
  await page.getByRole('button', { name: '保存反馈' }).click()
  await expect(page.getByText(`反馈日期不能早于发函日期（${sentOn}）`).first()).toBeVisible()
  await page.getByLabel('反馈日期').fill(daysAgo(1))
  await page.getByRole('button', { name: '保存反馈' }).click()
  await expect(exchange).toContainText('已反馈')
  await expect(exchange).toContainText('已核实，本人在朝阳区务工')
  await expect(page.getByRole('button', { name: '保存反馈' })).toHaveCount(0)

  await page.goto('/register/migrants')
  await expect(page.getByTestId('migrant-rows').getByRole('row').filter({ hasText: '刘强' })).toContainText('已反馈')

  // figures
  await page.goto('/register/migrants/stats')
  await expect(page.getByTestId('township-counts').getByRole('row').filter({ hasText: '宁城街道' }).getByRole('cell')).toHaveText(['宁城街道', '1', '1', '0'])
  await expect(page.getByTestId('province-counts')).toContainText('河北省')
  await expect(page.getByTestId('province-counts')).toContainText('北京市')

  // a village officer of 柴胡店镇 sees none of it, not even by address
  await page.context().clearCookies()
  await signInAndWait(page, 'chd.v1')
  await page.goto('/register/migrants')
  await expect(page.getByText('您的辖区内没有登记流入或流出人口')).toBeVisible()
  await expect(page.getByText('赵文华')).toHaveCount(0)
  await expect(page.getByText('刘强')).toHaveCount(0)
  await page.goto(personUrl)
  await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible()
  await expect(page.getByText('刘强')).toHaveCount(0)
  await page.goto(printUrl)
  await expect(page.getByText('北京市朝阳区')).toHaveCount(0)
  await page.goto('/register/migrants/stats')
  await expect(page.getByText('辖区内还没有流动人口')).toBeVisible()
})

/** The inflow migrant of the fixture (tests/e2e/server.ts) whose notices the double-click test records. */
const DOUBLE_CLICKED = { name: '赵文华', otherCounty: '河北省沧州市吴桥县' }

test('a double click on “record notice” records one notice; the form, still on the page, records the next', async ({ page }) => {
  await signInAndWait(page, 'ncjd.staff')
  await page.getByTestId('main-nav').getByRole('link', { name: '流动人口' }).click()
  const row = page.getByTestId('migrant-rows').getByRole('row').filter({ hasText: DOUBLE_CLICKED.name })
  await row.getByRole('link', { name: '通报 / 反馈' }).click()
  await expect(page.getByRole('heading', { name: `${DOUBLE_CLICKED.name} · 信息交流` })).toBeVisible()
  const exchanges = page.getByTestId('exchanges').getByRole('listitem')
  const before = await exchanges.count()

  // an empty county is refused, nothing recorded
  await page.getByLabel('对方县（市、区）').fill('')
  await page.getByRole('button', { name: '登记发函' }).click()
  await expect(page.getByText('此项为必填项。')).toBeVisible()
  await expect(exchanges).toHaveCount(before)

  await page.getByLabel('对方县（市、区）').fill(DOUBLE_CLICKED.otherCounty)
  await page.getByLabel('发函日期').fill(daysAgo(3))
  await page.getByRole('button', { name: '登记发函' }).dblclick()
  await expect(page.getByText('已登记通报。')).toBeVisible()
  await expect(exchanges).toHaveCount(before + 1)
  await expectAccessible(page)

  // the form stays, with a fresh key: the next notice is recorded too
  await page.getByLabel('对方县（市、区）').fill(DOUBLE_CLICKED.otherCounty)
  await page.getByLabel('发函日期').fill(daysAgo(1))
  await page.getByRole('button', { name: '登记发函' }).click()
  await expect(exchanges).toHaveCount(before + 2)
  await page.reload()
  await expect(exchanges).toHaveCount(before + 2)
})
