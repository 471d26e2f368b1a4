import { expect, test, type Page } from '@playwright/test'
import { makeIdNumber } from '@/lib/registry/idcard'
import { signInAndWait, signOut } from './helpers'

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

function todayInChina() {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
}

async function fillMember(page: Page, n: number, m: { relation: string; name: string; sex: string; birthDate: string; idNumber?: string }) {
  const member = page.getByRole('group', { name: `成员 ${n}` })
  await member.getByLabel('与户主关系').selectOption({ label: m.relation })
  await member.getByLabel('姓名').fill(m.name)
  await member.getByLabel('性别').selectOption({ label: m.sex })
  await member.getByLabel('出生日期').fill(m.birthDate)
  if (m.idNumber) await member.getByLabel('身份证号').fill(m.idNumber)
}

test('a village officer registers a household of three, records a birth, finds the child by initials; the township reviews it', async ({ page }) => {
  await signInAndWait(page, 'ncjd.v1')
  await page.getByTestId('main-nav').getByRole('link', { name: '人口信息' }).click()
  await page.getByRole('link', { name: '新建户' }).click()

  await choosePlace(page)
  await page.getByLabel('住址').fill('宁城街道和平街 66 号')
  const fatherId = makeIdNumber('371422', '1986-05-05', 21, 'MALE')
  const motherId = makeIdNumber('371422', '1990-02-14', 22, 'FEMALE')
  await fillMember(page, 1, { relation: '本人(户主)', name: '张建国', sex: '男', birthDate: '1986-05-05', idNumber: fatherId })
  await page.getByRole('button', { name: '再添加一名成员' }).click()
  // a wrong check digit is named, and nothing is saved
  await fillMember(page, 2, {
    relation: '配偶',
    name: '孙丽',
    sex: '女',
    birthDate: '1990-02-14',
    idNumber: motherId.slice(0, 17) + (motherId[17] === '1' ? '2' : '1'),
  })
  await page.getByRole('button', { name: '再添加一名成员' }).click()
  await fillMember(page, 3, { relation: '子女', name: '张伟', sex: '男', birthDate: '2016-06-01' })
  await page.getByRole('button', { name: '保存新户' }).click()
  await expect(page.getByText('身份证号校验位不正确')).toBeVisible()
  await expect(page).toHaveURL(/\/register\/households\/new/)

  await page.getByRole('group', { name: '成员 2' }).getByLabel('身份证号').fill(motherId)
  await page.getByRole('button', { name: '保存新户' }).click()
  await expect(page.getByText('已新建户。')).toBeVisible()
  const members = page.getByTestId('members')
  await expect(members.getByRole('row')).toHaveCount(3)
  await expect(members).toContainText(`${fatherId.slice(0, 4)}**************`)
  await expect(members).not.toContainText(fatherId)

  await members.getByRole('link', { name: '孙丽' }).click()
  await expect(page.getByTestId('person-name')).toHaveText('孙丽')
  const form = page.getByRole('form', { name: '登记事件' })
  await form.getByLabel('事件类别').selectOption({ label: '出生' })
  await form.getByLabel('发生日期').fill(todayInChina())
  await form.getByLabel('婴儿姓名').fill('张思雨')
  await form.getByLabel('性别').selectOption({ label: '女' })
  await form.getByRole('button', { name: '登记事件' }).click()
  await expect(page.getByText('事件已登记。')).toBeVisible()
  await expect(page.getByTestId('timeline')).toContainText('张思雨')

  // the full ID number only on a deliberate click
  await expect(page.getByTestId('masked-id')).toHaveText(`${motherId.slice(0, 4)}**************`)
  await page.getByRole('button', { name: '查看完整身份证号' }).click()
  await expect(page.getByTestId('full-id')).toHaveText(motherId)

  await page.goto('/register?q=zsy')
  const results = page.getByTestId('search-results')
  await expect(results).toContainText('张思雨')
  await results.getByRole('link', { name: '张思雨' }).click()
  await expect(page.getByTestId('person-name')).toHaveText('张思雨')
  await expect(page.getByText('孩次', { exact: true })).toBeVisible()
  await signOut(page)

  await signInAndWait(page, 'ncjd.staff')
  await page.getByTestId('main-nav').getByRole('link', { name: '变更核查' }).click()
  const row = page.getByTestId('review-rows').getByRole('row').filter({ hasText: '张思雨' })
  await expect(row).toContainText('待核查')
  await row.getByRole('button', { name: '核查无误' }).click()
  await expect(row).toContainText('已核查')
})

test('another village’s officer cannot find these residents', async ({ page }) => {
  await signInAndWait(page, 'chd.v1')
  await page.goto('/register?q=王建军')
  await expect(page.getByText('没有找到符合条件的居民')).toBeVisible()
  await page.goto('/register?q=陈立新')
  await expect(page.getByTestId('search-results')).toContainText('陈立新')
})
