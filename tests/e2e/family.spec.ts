import { expect, test, type Page } from '@playwright/test'
import { makeIdNumber } from '@/lib/registry/idcard'
import { expectAccessible, signInAndWait } from './helpers'

/** The new-household form's place for the village officer (their village's first group), typed as pinyin initials. */
// ncjd.v1 works in 安业社区, an urban community: its groups are 居民小组
const PLACE = { typed: 'dyjmxz', shown: '第一居民小组' }

/** Types into the searchable place list as a clerk does, and chooses the first match. */
async function choosePlace(page: Page) {
  const box = page.getByRole('combobox', { name: '所在村(组)' })
  await box.pressSequentially(PLACE.typed)
  await expect(page.getByRole('listbox').getByRole('option').first()).toContainText(PLACE.shown)
  await box.press('Enter')
  await expect(box).toHaveValue(new RegExp(PLACE.shown))
}

// Family links, birth order and the life events that change a family (issue 8), as a village
// officer does them: type, choose, click, read the page.

function todayInChina() {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
}

async function fillMember(page: Page, n: number, m: { relation: string; name: string; sex?: string; birthDate?: string; idNumber?: string; marital?: string }) {
  const member = page.getByRole('group', { name: `成员 ${n}` })
  await member.getByLabel('与户主关系').selectOption({ label: m.relation })
  await member.getByLabel('姓名').fill(m.name)
  if (m.idNumber) await member.getByLabel('身份证号').fill(m.idNumber)
  if (m.sex) await member.getByLabel('性别').selectOption({ label: m.sex })
  if (m.birthDate) await member.getByLabel('出生日期').fill(m.birthDate)
  if (m.marital) await member.getByLabel('婚姻状况').selectOption({ label: m.marital })
}

/** A couple and their child through the new-household form; ends on the household page. */
async function newFamily(page: Page, names: { head: string; spouse: string; child: string }, address: string, seq: number) {
  await page.getByTestId('main-nav').getByRole('link', { name: '人口信息' }).click()
  await page.getByRole('link', { name: '新建户' }).click()
  await choosePlace(page)
  await page.getByLabel('住址').fill(address)
  await fillMember(page, 1, { relation: '本人(户主)', name: names.head, idNumber: makeIdNumber('371422', '1984-04-04', seq, 'MALE'), marital: '有配偶' })
  await page.getByRole('button', { name: '再添加一名成员' }).click()
  await fillMember(page, 2, { relation: '配偶', name: names.spouse, idNumber: makeIdNumber('371422', '1987-08-08', seq + 1, 'FEMALE'), marital: '有配偶' })
  await page.getByRole('button', { name: '再添加一名成员' }).click()
  await fillMember(page, 3, { relation: '子女', name: names.child, sex: '男', birthDate: '2012-06-01' })
  await page.getByRole('button', { name: '保存新户' }).click()
  await expect(page.getByText('已新建户。')).toBeVisible()
}

test('typing an 18-digit ID number fills sex and birth date, which stay editable', async ({ page }) => {
  await signInAndWait(page, 'ncjd.v1')
  await page.getByTestId('main-nav').getByRole('link', { name: '人口信息' }).click()
  await page.getByRole('link', { name: '新建户' }).click()
  const member = page.getByRole('group', { name: '成员 1' })
  await member.getByLabel('身份证号').fill(makeIdNumber('371422', '1979-12-03', 41, 'FEMALE'))
  await expect(member.getByLabel('性别')).toHaveValue('FEMALE')
  await expect(member.getByLabel('出生日期')).toHaveValue('1979-12-03')
  // the clerk can still change them; a mismatch is refused when saving
  await member.getByLabel('性别').selectOption({ label: '男' })
  await expect(member.getByLabel('性别')).toHaveValue('MALE')
  await choosePlace(page)
  await page.getByLabel('住址').fill('宁城街道自动填写路 1 号')
  await member.getByLabel('与户主关系').selectOption({ label: '本人(户主)' })
  await member.getByLabel('姓名').fill('填写测试')
  await page.getByRole('button', { name: '保存新户' }).click()
  await expect(page.getByText('性别与身份证号第 17 位不一致')).toBeVisible()
  await expectAccessible(page)
})

test('a child entered with the household makes the next birth the second (二孩)', async ({ page }) => {
  await signInAndWait(page, 'ncjd.v1')
  await newFamily(page, { head: '周志海', spouse: '吴雪梅', child: '周大宝' }, '宁城街道二孩街 2 号', 61)
  await page.getByTestId('members').getByRole('link', { name: '吴雪梅' }).click()
  await expect(page.getByTestId('person-name')).toHaveText('吴雪梅')
  const form = page.getByRole('form', { name: '登记事件' })
  await form.getByLabel('事件类别').selectOption({ label: '出生' })
  await form.getByLabel('发生日期').fill(todayInChina())
  await form.getByLabel('婴儿姓名').fill('周二宝')
  await form.getByLabel('性别').selectOption({ label: '女' })
  await form.getByRole('button', { name: '登记事件' }).click()
  await expect(page.getByText('已登记 周二宝 出生，孩次为第 2 孩。')).toBeVisible()
  await page.getByRole('link', { name: '周二宝' }).first().click()
  await expect(page.getByTestId('person-name')).toHaveText('周二宝')
  await expect(page.getByTestId('birth-order')).toHaveText('2')
  // the newborn's mother and father, linked
  const facts = page.locator('dl')
  await expect(facts.getByRole('link', { name: '吴雪梅' })).toBeVisible()
  await expect(facts.getByRole('link', { name: '周志海' })).toBeVisible()
  await expectAccessible(page)
})

test('the head’s death asks for the new head, after a confirmation; the widow heads the household', async ({ page }) => {
  await signInAndWait(page, 'ncjd.v1')
  await newFamily(page, { head: '郑国庆', spouse: '冯秀英', child: '郑小龙' }, '宁城街道丧偶街 3 号', 71)
  await page.getByTestId('members').getByRole('link', { name: '郑国庆' }).click()
  const form = page.getByRole('form', { name: '登记事件' })
  await form.getByLabel('事件类别').selectOption({ label: '死亡' })
  await form.getByLabel('发生日期').fill(todayInChina())
  await form.getByLabel('新户主').selectOption({ label: '冯秀英（配偶）' })
  await form.getByRole('button', { name: '登记事件' }).click()
  const dialog = page.getByRole('dialog', { name: '确认登记' })
  await expect(dialog).toContainText('登记死亡后，此人将标为已故')
  await expectAccessible(page)
  await dialog.getByRole('button', { name: '确定登记' }).click()
  await expect(page.getByText('已登记 郑国庆 死亡。')).toBeVisible()
  await expect(page.getByText('配偶 冯秀英 的婚姻状况已改为丧偶。')).toBeVisible()
  await expect(page.getByText('冯秀英 已成为户主')).toBeVisible()
  await expect(page.getByText('已故').first()).toBeVisible()

  await page.getByRole('link', { name: '冯秀英' }).first().click()
  await expect(page.getByTestId('person-name')).toHaveText('冯秀英')
  await expect(page.locator('dl').getByText('丧偶', { exact: true })).toBeVisible()
  await expect(page.getByText('本人(户主)：', { exact: false })).toBeVisible()
  await expectAccessible(page)
})

test('a move out is confirmed first: cancel records nothing, confirm records it and says so', async ({ page }) => {
  await signInAndWait(page, 'ncjd.v1')
  await newFamily(page, { head: '钱永福', spouse: '孙婷', child: '钱小斌' }, '宁城街道迁出街 4 号', 81)
  await page.getByTestId('members').getByRole('link', { name: '钱小斌' }).click()
  const form = page.getByRole('form', { name: '登记事件' })
  await form.getByLabel('事件类别').selectOption({ label: '迁出本县' })
  await form.getByLabel('发生日期').fill(todayInChina())
  await form.getByLabel('迁往地').fill('北京市海淀区')
  await form.getByRole('button', { name: '登记事件' }).click()
  const dialog = page.getByRole('dialog', { name: '确认登记' })
  await expect(dialog).toContainText('登记迁出后')
  await dialog.getByRole('button', { name: '取消' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText('已迁出', { exact: true })).toHaveCount(0)
  await form.getByRole('button', { name: '登记事件' }).click()
  await dialog.getByRole('button', { name: '确定登记' }).click()
  await expect(page.getByText('钱小斌 已迁出本县，离开本户。')).toBeVisible()
  await expect(page.getByText('已迁出', { exact: true })).toBeVisible()
})

test('a double click on “save household” creates one household', async ({ page }) => {
  await signInAndWait(page, 'ncjd.v1')
  await page.getByTestId('main-nav').getByRole('link', { name: '人口信息' }).click()
  await page.getByRole('link', { name: '新建户' }).click()
  await choosePlace(page)
  await page.getByLabel('住址').fill('宁城街道双击街 5 号')
  await fillMember(page, 1, { relation: '本人(户主)', name: '双击测试', sex: '男', birthDate: '1970-07-07' })
  await page.getByRole('button', { name: '保存新户' }).dblclick()
  await expect(page.getByText('已新建户。')).toBeVisible()
  await page.getByTestId('main-nav').getByRole('link', { name: '人口信息' }).click()
  await page.getByRole('search').getByLabel('查找居民').fill('双击测试')
  await page.getByRole('button', { name: '查询', exact: true }).click()
  await expect(page.getByTestId('search-results').getByRole('link', { name: '双击测试' })).toHaveCount(1)
})
