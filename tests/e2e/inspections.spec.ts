import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { chooseInCombobox, expectAccessible, signInAndWait, signOut } from './helpers'

// Inspections through the forms: a county official starts a round and forms a team; the inspector
// scores 宁城街道 with a photo (a score above the maximum refused first) and opens a rectification
// item; the result is published; the township enters measures with evidence; the inspector sends
// it back once, then closes it out; the printed notice. And a sample verification of 宁城街道.

const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
const png = (name: string) => ({ name, mimeType: 'image/png', buffer: PNG_1PX })

async function openNav(page: Page, name: string) {
  await page.getByTestId('main-nav').getByRole('link', { name, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

const A1 = '党政领导重视，专题研究人口服务工作'

test('an inspector scores a township with a photo and opens a rectification item that the township closes with evidence', async ({ page }) => {
  test.setTimeout(300_000)
  const title = `督查考评测试${Date.now() % 100000}`
  const finding = `宁城街道台账缺项${Date.now() % 1000}`

  // the county official starts the round from the county's template, and forms a team
  await signInAndWait(page, 'county.official')
  await openNav(page, '督查考评')
  await expectAccessible(page, { label: 'inspections' })
  const roundForm = page.getByRole('form', { name: '新建督查' })
  await roundForm.getByLabel('评分表模板').selectOption({ label: '宁津县人口服务工作督查评分表' })
  await roundForm.getByLabel('开始日期').fill('2026-06-01')
  await roundForm.getByLabel('结束日期').fill('2026-06-10')
  // the empty title: a message at the field, nothing created
  await roundForm.getByRole('button', { name: '创建督查' }).click()
  await expect(roundForm.getByText('此项为必填项。')).toBeVisible()
  await roundForm.getByLabel('督查名称').fill(title)
  // a double click creates one round
  await roundForm.getByRole('button', { name: '创建督查' }).dblclick()
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  await expectAccessible(page, { label: 'round (open)' })
  const team = page.getByRole('form', { name: '添加督查组' })
  await team.getByLabel('组名').fill('测试督查组')
  await team.getByRole('button', { name: '添加督查组' }).click()
  await expect(team.getByText('请至少选择一名督查人员。')).toBeVisible()
  await team.getByLabel('赵国强（inspector）').check()
  await team.getByLabel('宁城街道').check()
  await team.getByRole('button', { name: '添加督查组' }).click()
  await expect(team.getByText('督查组已添加')).toBeVisible()
  await expect(page.getByTestId('round-results')).toContainText('宁城街道')
  await page.getByTestId('main-nav').getByRole('link', { name: '督查考评', exact: true }).click()
  await expect(page.getByTestId('rounds').getByRole('link', { name: title })).toHaveCount(1)
  await signOut(page)

  // the inspector scores 宁城街道 on the tablet page
  await signInAndWait(page, 'inspector')
  await openNav(page, '督查考评')
  await page.getByTestId('rounds').getByRole('link', { name: title }).click()
  await page.getByTestId('round-results').getByRole('link', { name: '录入评分 宁城街道' }).click()
  await expect(page.getByRole('heading', { level: 1, name: `宁城街道 · ${title}` })).toBeVisible()
  await expectAccessible(page, { label: 'score sheet' })
  const sheet = page.getByRole('form', { name: '评分表' })
  // above the maximum (8): refused with the item's name and its maximum, nothing saved
  await sheet.getByLabel(`${A1} 得分`).fill('9')
  await sheet.getByRole('button', { name: '保存评分' }).click()
  await expect(sheet.getByRole('alert').first()).toContainText(`“${A1}”的得分不能超过满分 8 分。`)
  await expect(page.getByTestId('sheet-total')).toHaveText('合计 0 / 100 分')
  // a wrong value
  await sheet.getByLabel(`${A1} 得分`).fill('七')
  await sheet.getByRole('button', { name: '保存评分' }).click()
  await expect(sheet.getByText('请填写数字').first()).toBeVisible()
  await sheet.getByLabel(`${A1} 得分`).fill('7.5')
  await sheet.getByLabel(`${A1} 说明`).fill('专题会议纪要齐全，主要领导缺席一次')
  await sheet.getByLabel(`${A1} 照片`).setInputFiles(png('会议纪要.png'))
  await sheet.getByLabel('人口信息台账完整、及时更新 得分').fill('12')
  await sheet.getByRole('button', { name: '保存评分' }).click()
  await expect(sheet.getByText('评分已保存')).toBeVisible()
  await expect(page.getByTestId('sheet-total')).toHaveText('合计 19.5 / 100 分')
  await expect(page.getByTestId('item-A1').getByRole('link', { name: '会议纪要.png' })).toBeVisible()

  const rect = page.getByRole('form', { name: '新建整改事项' })
  await rect.getByLabel('整改期限').fill('2026-07-15')
  await rect.getByRole('button', { name: '转为整改事项' }).click()
  await expect(rect.getByText('此项为必填项。')).toBeVisible()
  await rect.getByLabel('发现的问题').fill(finding)
  await rect.getByLabel('对应评分项目').selectOption({ label: 'B1 人口信息台账完整、及时更新' })
  await rect.getByRole('button', { name: '转为整改事项' }).dblclick()
  await expect(rect.getByText('整改事项已建立')).toBeVisible()
  await signOut(page)

  // before publication the township does not see the item
  await signInAndWait(page, 'ncjd.staff')
  await openNav(page, '整改台账')
  await expect(page.getByText(finding)).toHaveCount(0)
  await signOut(page)

  // the official publishes the result
  await signInAndWait(page, 'county.official')
  await openNav(page, '督查考评')
  await page.getByTestId('rounds').getByRole('link', { name: title }).click()
  await page.getByRole('form', { name: '发布督查结果' }).getByRole('button', { name: '发布督查结果' }).click()
  await expect(page.getByText('已发布', { exact: true })).toBeVisible()
  await signOut(page)

  // the township enters its measures: without evidence refused, then with a photo
  await signInAndWait(page, 'ncjd.staff')
  await openNav(page, '整改台账')
  await expect(page.getByTestId('rectifications').getByRole('link', { name: finding })).toHaveCount(1)
  await expectAccessible(page, { label: 'ledger (township)' })
  await page.getByTestId('rectifications').getByRole('link', { name: finding }).click()
  await expectAccessible(page, { label: 'rectification (township)' })
  const measures = page.getByRole('form', { name: '整改措施' })
  await measures.getByLabel('已采取的整改措施').fill('已补齐台账并建立每周更新制度')
  await measures.getByRole('button', { name: '报送销号' }).click()
  await expect(measures.getByRole('alert').first()).toContainText('没有佐证材料，不能销号')
  await measures.getByLabel('佐证材料（照片或 PDF）').setInputFiles(png('台账照片.png'))
  await measures.getByRole('button', { name: '报送销号' }).click()
  await expect(page.getByTestId('status')).toHaveText('待审核')
  await expect(page.getByTestId('evidence').getByRole('link', { name: '台账照片.png' })).toBeVisible()
  await signOut(page)

  // the inspector sends it back once (a reason is required), then closes it out after re-inspection
  await signInAndWait(page, 'inspector')
  await openNav(page, '督查考评')
  await page.getByRole('link', { name: '整改台账' }).click()
  await page.getByTestId('rectifications').getByRole('link', { name: finding }).click()
  const review = page.getByRole('form', { name: '审核销号' })
  await review.getByRole('button', { name: '退回复查' }).click()
  await expect(review.getByText('退回复查须写明理由。').first()).toBeVisible()
  await review.getByLabel('退回理由（退回复查时必填）').fill('照片未体现更新日期')
  await review.getByRole('button', { name: '退回复查' }).click()
  await expect(page.getByTestId('status')).toHaveText('整改中')
  await signOut(page)

  await signInAndWait(page, 'ncjd.staff')
  await openNav(page, '整改台账')
  await page.getByTestId('rectifications').getByRole('link', { name: finding }).click()
  await expect(page.getByText('上次退回理由：照片未体现更新日期')).toBeVisible()
  await page.getByRole('form', { name: '整改措施' }).getByLabel('佐证材料（照片或 PDF）').setInputFiles(png('台账照片（带日期）.png'))
  await page.getByRole('form', { name: '整改措施' }).getByRole('button', { name: '报送销号' }).click()
  await expect(page.getByTestId('status')).toHaveText('待审核')
  await signOut(page)

  await signInAndWait(page, 'inspector')
  await openNav(page, '督查考评')
  await page.getByRole('link', { name: '整改台账' }).click()
  await page.getByTestId('rectifications').getByRole('link', { name: finding }).click()
  await expectAccessible(page, { label: 'rectification (inspector)' })
  await page.getByRole('form', { name: '审核销号' }).getByRole('button', { name: '同意销号' }).click()
  await expect(page.getByTestId('status')).toHaveText('已销号')
  await signOut(page)

  // the printed notice: the commendation and the open items per township, on A4
  await signInAndWait(page, 'county.official')
  await openNav(page, '督查考评')
  await page.getByTestId('rounds').getByRole('link', { name: title }).click()
  await page.getByRole('link', { name: '打印通报' }).click()
  await expect(page.getByRole('heading', { level: 1, name: `关于${title}结果的通报` })).toBeVisible()
  await expect(page.getByTestId('notice-commend')).toContainText('宁城街道')
  await expect(page.getByTestId('notice-table')).toContainText('19.5')
  await expect(page.getByTestId('notice-open')).toContainText('无')
  await expectAccessible(page, { label: 'notice' })
  await page.emulateMedia({ media: 'print' })
  const pdf = await page.pdf({ format: 'A4', printBackground: true })
  const dir = test.info().outputDir
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'notice.pdf'), pdf)
  // rendered to an image (poppler's pdftoppm): one A4 page, portrait (210 : 297)
  execFileSync('pdftoppm', ['-png', '-r', '50', path.join(dir, 'notice.pdf'), path.join(dir, 'notice')])
  const images = fs.readdirSync(dir).filter((f) => f.startsWith('notice') && f.endsWith('.png'))
  expect(images).toHaveLength(1)
  const image = fs.readFileSync(path.join(dir, images[0]))
  expect(image.readUInt32BE(16) / image.readUInt32BE(20)).toBeCloseTo(210 / 297, 2)
})

test('an inspector draws a sample of a township and records what was found on site', async ({ page }) => {
  test.setTimeout(120_000)
  const seed = `e2e-${Date.now() % 100000}`
  await signInAndWait(page, 'inspector')
  await openNav(page, '抽样核查')
  await expectAccessible(page, { label: 'samples' })
  const form = page.getByRole('form', { name: '抽取核查样本' })
  await chooseInCombobox(page, '核查乡镇', '宁城街道', '')
  // the empty size, then a wrong one
  await form.getByRole('button', { name: '抽取样本' }).click()
  await expect(form.getByText('此项为必填项。')).toBeVisible()
  await form.getByLabel('样本户数').fill('三')
  await form.getByRole('button', { name: '抽取样本' }).click()
  await expect(form.getByText('样本户数须为 1 到 2000 之间的整数。')).toBeVisible()
  await form.getByLabel('样本户数').fill('3')
  await form.getByLabel('随机种子（可不填）').fill(seed)
  await form.getByRole('button', { name: '抽取样本' }).dblclick()
  await expect(page.getByRole('heading', { level: 1, name: /宁城街道 抽样核查/ })).toBeVisible()
  await expect(page.getByTestId('seed')).toContainText(seed)
  await expect(page.getByTestId('error-rate')).toHaveText('尚无核查结果')
  await expectAccessible(page, { label: 'sample' })

  const first = page.getByRole('form', { name: /^核查 1\./ })
  await first.getByLabel('信息有误').check()
  await first.getByRole('button', { name: '保存核查结果' }).click()
  await expect(first.getByText('请选择有误的项目。').first()).toBeVisible()
  await first.getByLabel('有误的项目').selectOption({ label: '出生日期' })
  await first.getByRole('button', { name: '保存核查结果' }).click()
  await expect(page.getByTestId('error-rate')).toHaveText('100.0%（95% 置信区间 20.7%–100.0%，n = 1）')
  const second = page.getByRole('form', { name: /^核查 2\./ })
  await second.getByLabel('信息正确').check()
  await second.getByRole('button', { name: '保存核查结果' }).click()
  await expect(page.getByTestId('error-rate')).toHaveText('50.0%（95% 置信区间 9.5%–90.5%，n = 2）')
  await expect(page.getByTestId('missing-rate')).toHaveText('0.0%（95% 置信区间 0.0%–65.8%，n = 2）')

  // the double click drew one sample
  await openNav(page, '抽样核查')
  await expect(page.getByTestId('samples').getByRole('row').filter({ hasText: seed })).toHaveCount(1)
})
