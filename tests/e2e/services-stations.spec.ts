import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { expect, test, type Page } from '@playwright/test'
import { chooseInCombobox, closeFixtureDatabase, e2eDatabase, expectAccessible, signInAndWait, signOut } from './helpers'
import { makeHousehold } from '@/tests/factories/registry'

// The stations registry through the forms (issue 11): a township clerk registers a village's
// service room, scores its standardisation checklist with a photo, and the county sees it meet the
// standard; a village officer records a service from their room's day list. The demo's places are
// read from the database by the accounts' regions, never typed from memory.

const CLERK = 'ncjd.staff'
const COUNTY = 'county.official'
const OFFICER = 'ncjd.v1'
const RESIDENT = '站务测试人'
const ROOM = `测试服务室${Date.now() % 100000}`

let village = ''
let township = ''

test.beforeAll(async () => {
  const db = e2eDatabase()
  try {
    const clerk = await db.user.findUniqueOrThrow({ where: { username: CLERK }, select: { region: { select: { id: true, name: true } } } })
    township = clerk.region.name
    // a village of the clerk's township other than the officer's (whose room the second test uses)
    const officer = await db.user.findUniqueOrThrow({
      where: { username: OFFICER },
      select: { region: { select: { id: true, level: true, ancestorIds: true } } },
    })
    const v = await db.region.findFirstOrThrow({
      where: { parentId: clerk.region.id, level: 'VILLAGE', active: true, id: { not: officer.region.id } },
      orderBy: { code: 'desc' },
      select: { name: true },
    })
    village = v.name
    if ((await db.person.count({ where: { name: RESIDENT } })) === 0) {
      await makeHousehold(db, officer.region, {
        address: '站务路 1 号',
        members: [{ name: RESIDENT, sex: 'FEMALE', birthDate: '1970-03-04', ethnicity: '01', residence: 'LOCAL', maritalStatus: 'MARRIED', relation: 'SELF' }],
      })
    }
  } finally {
    await closeFixtureDatabase(db)
  }
})

async function openStations(page: Page) {
  await page.getByTestId('main-nav').getByRole('link', { name: '服务站（室）' }).click()
  await expect(page.getByRole('heading', { name: '服务站（室）', level: 1 })).toBeVisible()
}

test('a township clerk registers a room, scores its checklist with a photo, and the county sees it meet the standard', async ({ page }) => {
  await signInAndWait(page, CLERK)
  await openStations(page)
  await expectAccessible(page, { label: 'stations list' })
  const form = page.getByRole('form', { name: '登记服务站（室）' })

  // the empty form: nothing saved, each field says why
  await form.getByRole('button', { name: '登记' }).click()
  await expect(form.getByText('请检查标出的内容。')).toBeVisible()
  await expect(form.getByLabel('名称', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  await expect(form.getByLabel('地址')).toHaveAttribute('aria-invalid', 'true')

  // a wrong phone number is refused
  await chooseInCombobox(page, '村（社区）', village)
  await form.getByLabel('名称', { exact: true }).fill(ROOM)
  await form.getByLabel('地址').fill(`${village}村委会一楼`)
  await form.getByLabel('开放时间').fill('周一至周五 9:00-11:30')
  await form.getByLabel('联系电话').fill('电话号码')
  await form.getByLabel('工作人员').fill('张玉兰\n李春燕')
  await form.getByLabel('设备清单').fill('血压计\n体重秤\n档案柜')
  await form.getByRole('button', { name: '登记' }).click()
  await expect(form.getByText('请填写有效的电话号码。')).toBeVisible()

  // right: saved once however often it is pressed, and the room's page opens
  await form.getByLabel('联系电话').fill('0534-5123456')
  await form.getByRole('button', { name: '登记' }).dblclick()
  await expect(page.getByRole('heading', { name: ROOM, level: 1 })).toBeVisible()
  const details = page.getByTestId('station-details')
  await expect(details).toContainText('村服务室')
  await expect(details).toContainText(village)
  await expect(details).toContainText('张玉兰、李春燕')
  await expect(details).toContainText('体重秤')
  await expect(page.getByTestId('station-verdict')).toHaveText('尚未检查')
  await expectAccessible(page, { label: 'station page' })
  const db = e2eDatabase()
  try {
    expect(await db.serviceStation.count({ where: { name: ROOM } })).toBe(1)
  } finally {
    await closeFixtureDatabase(db)
  }

  // the checklist: nothing scored is refused item by item
  const check = page.getByRole('form', { name: '规范化建设检查' })
  await check.getByRole('button', { name: '保存检查结果' }).click()
  await expect(check.getByText('每个检查项目都须打分。')).toBeVisible()
  await expect(check.getByText('请为此项打分。').first()).toBeVisible()
  for (const item of ['统一标识', '统一设备', '统一流程', '统一制度', '服务公示上墙', '档案管理规范']) {
    await check
      .getByRole('group', { name: new RegExp(item) })
      .getByLabel('达到', { exact: true })
      .check()
  }
  await check
    .getByRole('group', { name: /档案管理规范/ })
    .getByLabel('基本达到')
    .check()
  await check.getByLabel('检查意见').fill('标识统一，档案待完善')

  // a "photo" that is not an image is refused, nothing saved
  await check.getByLabel(/照片1/).setInputFiles({ name: '门牌.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('this is not a picture') })
  await check.getByRole('button', { name: '保存检查结果' }).click()
  await expect(check.getByText(/文件内容与其类型不符/).first()).toBeVisible()
  await expect(page.getByTestId('station-check')).toHaveCount(0)
  await expectAccessible(page, { label: 'check refused' })

  // a real photo: saved with its thumbnail; the room meets the standard
  const jpeg = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xz-e2e-')), '标识牌.jpg')
  await sharp({ create: { width: 120, height: 80, channels: 3, background: '#2a6' } })
    .jpeg()
    .toFile(jpeg)
  await check.getByLabel(/照片1/).setInputFiles(jpeg)
  await check.getByRole('button', { name: '保存检查结果' }).click()
  await expect(check.getByText('检查结果已保存。')).toBeVisible()
  await page.reload()
  const done = page.getByTestId('station-check')
  await expect(done).toHaveCount(1)
  await expect(done).toContainText('达标')
  await expect(done).toContainText('得分 11/12')
  await expect(done.getByRole('img', { name: '标识牌.jpg' })).toBeVisible()
  await expect(page.getByTestId('station-verdict')).toContainText('达标')
  await expectAccessible(page, { label: 'station with a check' })
  await signOut(page)

  // the county: the standard by township, then the township's rooms that meet it
  await signInAndWait(page, COUNTY)
  await openStations(page)
  await page.getByRole('link', { name: '规范化建设达标情况' }).click()
  await expect(page.getByRole('heading', { name: '规范化建设达标情况', level: 1 })).toBeVisible()
  await expectAccessible(page, { label: 'standard by township' })
  const row = page.getByTestId('standard-row').filter({ hasText: township })
  await row.getByRole('cell').nth(2).getByRole('link').click()
  await expect(page.getByRole('heading', { name: '服务站（室）', level: 1 })).toBeVisible()
  await page.getByLabel('名称', { exact: true }).fill(ROOM)
  await page.getByRole('button', { name: '查询' }).click()
  const listed = page.getByTestId('station-row')
  await expect(listed).toHaveCount(1)
  await expect(listed).toContainText(ROOM)
  await expect(listed).toContainText('达标')
  await expectAccessible(page, { label: 'stations meeting the standard' })
})

test("a village officer records a service from their room's day list", async ({ page }) => {
  await signInAndWait(page, OFFICER)
  await openStations(page)
  // the officer sees their own room only
  await expect(page.getByTestId('station-row')).toHaveCount(1)
  await page.getByTestId('station-row').getByRole('link').click()
  await expect(page.getByRole('heading', { name: '服务日志' })).toBeVisible()
  await expectAccessible(page, { label: 'room page for its officer' })
  const before = await page.getByTestId('service-record').count()

  // someone not in the room's area is not found
  const finder = page.getByRole('search', { name: '为居民记录服务' })
  await finder.getByLabel('居民姓名').fill('查无此人名')
  await finder.getByRole('button', { name: '查找' }).click()
  await expect(page.getByText('本服务站（室）辖区没有找到此人。')).toBeVisible()

  await page.getByRole('search', { name: '为居民记录服务' }).getByLabel('居民姓名').fill(RESIDENT)
  await page.getByRole('search', { name: '为居民记录服务' }).getByRole('button', { name: '查找' }).click()
  await page.getByTestId('day-person').locator('summary').filter({ hasText: RESIDENT }).click()
  const form = page.getByRole('form', { name: `为${RESIDENT}记录服务` })
  // the station is this room, chosen already
  await expect(form.getByLabel('服务站/服务室').locator('option:checked')).not.toHaveText('请选择')

  // the empty form: nothing saved
  await form.getByRole('button', { name: '保存服务记录' }).click()
  await expect(form.getByText('请检查标出的内容。')).toBeVisible()
  await expect(form.getByLabel('服务类型')).toHaveAttribute('aria-invalid', 'true')

  await form.getByLabel('服务类型').selectOption({ label: '家庭医生签约' })
  await form.getByLabel('服务结果').fill('签约家庭医生，讲解服务内容')
  await form.getByRole('button', { name: '保存服务记录' }).dblclick()
  await expect(form.getByText('服务记录已保存。')).toBeVisible()
  await page.reload()
  const records = page.getByTestId('service-record')
  await expect(records).toHaveCount(before + 1)
  await expect(records.filter({ hasText: RESIDENT })).toContainText('家庭医生签约')
  await expectAccessible(page, { label: 'day list with the record' })
})
