import { expect, test, type Page } from '@playwright/test'
import { e2eDatabase, expectAccessible, signInAndWait } from './helpers'

// The supplies ledger through the forms (issue 11): a village officer gives out at their room (the
// empty quantity, more than the stock, the double click), counts the stock with a difference, and
// reads the difference in the monthly ledger and its print view. The room's stock is an item and
// batch of this spec, put there as the township's transfer would. The two tests run in order.

const VILLAGE_OFFICER = 'chd.v1'
const ITEM = '测试药具'
const BATCH = 'E2E-SUP-01'

test.beforeAll(async () => {
  const db = e2eDatabase()
  try {
    const officer = await db.user.findUniqueOrThrow({ where: { username: VILLAGE_OFFICER }, select: { regionId: true } })
    const room = await db.serviceStation.findFirstOrThrow({ where: { villageId: officer.regionId, kind: 'VILLAGE_ROOM' } })
    // the spec's own item and batch with 5 in the room: reset, so a rerun against the same database starts from 5 again
    const item =
      (await db.supplyItem.findFirst({ where: { countyId: room.countyId, code: 'E2E_SUP' } })) ??
      (await db.supplyItem.create({ data: { countyId: room.countyId, code: 'E2E_SUP', nameZh: ITEM, nameEn: 'Test supply', unitZh: '盒', unitEn: 'box' } }))
    const batch =
      (await db.supplyBatch.findFirst({ where: { itemId: item.id, batchNo: BATCH } })) ??
      (await db.supplyBatch.create({ data: { countyId: room.countyId, itemId: item.id, batchNo: BATCH, expiresOn: new Date('2099-12-31') } }))
    await db.supplyMovement.deleteMany({ where: { batchId: batch.id } })
    await db.supplyStock.deleteMany({ where: { batchId: batch.id } })
    await db.supplyStock.create({ data: { stationId: room.id, batchId: batch.id, countyId: room.countyId, townshipId: room.townshipId, quantity: 5 } })
    await db.supplyMovement.create({
      data: {
        countyId: room.countyId,
        townshipId: room.townshipId,
        villageId: room.villageId,
        stationId: room.id,
        itemId: item.id,
        batchId: batch.id,
        kind: 'TRANSFER_IN',
        delta: 5,
        occurredOn: new Date(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)),
        recordedById: 1,
      },
    })
  } finally {
    await db.$disconnect()
  }
})

async function stockOfBatch(): Promise<number> {
  const db = e2eDatabase()
  try {
    const rows = await db.supplyStock.findMany({ where: { batch: { batchNo: BATCH } }, select: { quantity: true } })
    return rows.reduce((sum, r) => sum + r.quantity, 0)
  } finally {
    await db.$disconnect()
  }
}

const dispenseForm = (page: Page) => page.getByRole('form', { name: '发放' })
const stocktakeForm = (page: Page) => page.getByRole('form', { name: '盘点' })
const stockRow = (page: Page) => page.getByTestId('stock').getByRole('row').filter({ hasText: BATCH })

test('a village officer gives out at their room: the empty quantity, more than the stock and the double click', async ({ page }) => {
  await signInAndWait(page, VILLAGE_OFFICER)
  await page.getByTestId('main-nav').getByRole('link', { name: '药具管理', exact: true }).click()
  await expect(page.getByRole('heading', { name: '药具管理', level: 1 })).toBeVisible()
  await expectAccessible(page, { label: 'supplies page' })
  await expect(stockRow(page).locator('[data-col="quantity"]')).toHaveText('5')
  await expect(stockRow(page)).toContainText('建议先发')

  const form = dispenseForm(page)
  await form.getByLabel('药具', { exact: true }).selectOption({ label: `${ITEM}（盒）` })
  // the person's ID number shows only when the box is ticked; it is off by default
  await expect(form.getByLabel('对象身份证号')).toHaveCount(0)
  await expect(form.getByLabel('本人要求登记发放对象')).not.toBeChecked()

  // the empty quantity: a message at the field, nothing written
  await form.getByRole('button', { name: '登记发放' }).click()
  await expect(form.getByText('请检查标出的内容')).toBeVisible()
  await expect(form.getByLabel('数量')).toHaveAttribute('aria-invalid', 'true')
  expect(await stockOfBatch()).toBe(5)

  // more than the stock: a clear message, nothing written
  await form.getByLabel('数量').fill('6')
  await form.getByRole('button', { name: '登记发放' }).click()
  await expect(form.getByText('库存不足：目前可发放 5。未作任何登记。').first()).toBeVisible()
  expect(await stockOfBatch()).toBe(5)
  await expectAccessible(page, { label: 'supplies page with errors' })

  // the double click gives out once
  await form.getByLabel('数量').fill('2')
  await form.getByRole('button', { name: '登记发放' }).dblclick()
  await expect(form.getByText('发放已登记。')).toBeVisible()
  await expect(stockRow(page).locator('[data-col="quantity"]')).toHaveText('3')
  expect(await stockOfBatch()).toBe(3)
  const dispensed = page.getByTestId('movements').getByRole('row').filter({ hasText: '发放' }).filter({ hasText: BATCH })
  await expect(dispensed).toHaveCount(1)
  await expect(dispensed.locator('[data-col="change"]')).toHaveText('-2')
  await expect(page.getByTestId('daily').getByRole('row').filter({ hasText: ITEM }).locator('[data-col="quantity"]')).toHaveText('2')
})

test('a stocktake with a difference needs a reason and shows in the monthly ledger and its print view', async ({ page }) => {
  await signInAndWait(page, VILLAGE_OFFICER)
  await page.getByTestId('main-nav').getByRole('link', { name: '药具管理', exact: true }).click()
  const form = stocktakeForm(page)
  const count = form.getByLabel(`${ITEM} 批号 ${BATCH} 实盘数`)
  await expect(count.locator('xpath=..')).toContainText('帐面数: 3')
  // a wrong value first: a message at the field
  await count.fill('两盒')
  await form.getByRole('button', { name: '保存盘点' }).click()
  await expect(form.getByText('实盘数须为0或正整数。')).toBeVisible()
  // one box fewer than the book, without a reason: refused
  await count.fill('2')
  await form.getByRole('button', { name: '保存盘点' }).click()
  await expect(form.getByText('帐实不符，请填写差异原因。').first()).toBeVisible()
  expect(await stockOfBatch()).toBe(3)
  await form.getByLabel('差异原因').fill('一盒包装破损')
  await form.getByRole('button', { name: '保存盘点' }).click()
  await expect(form.getByText('盘点已保存。')).toBeVisible()
  await expect(stockRow(page).locator('[data-col="quantity"]')).toHaveText('2')
  expect(await stockOfBatch()).toBe(2)

  await page.getByTestId('main-nav').getByRole('link', { name: '药具月报帐', exact: true }).click()
  await expect(page.getByRole('heading', { name: '药具月报帐', level: 1 })).toBeVisible()
  const line = page.getByTestId('ledger').getByRole('row').filter({ hasText: ITEM })
  await expect(line.locator('[data-col="opening"]')).toHaveText('0')
  await expect(line.locator('[data-col="transferredIn"]')).toHaveText('5')
  await expect(line.locator('[data-col="dispensed"]')).toHaveText('2')
  await expect(line.locator('[data-col="adjusted"]')).toHaveText('-1')
  await expect(line.locator('[data-col="closing"]')).toHaveText('2')
  await expect(line.locator('[data-col="stocktake"]')).toContainText('帐面 3 / 实盘 2')
  await expect(line.locator('[data-col="stocktake"]')).toContainText('帐实不符')
  await expectAccessible(page, { label: 'ledger page' })

  await page.getByRole('link', { name: '打印' }).click()
  await expect(page.getByRole('heading', { name: '药具月报帐', level: 1 })).toBeVisible()
  await expect(page.getByTestId('ledger').getByRole('row').filter({ hasText: ITEM }).locator('[data-col="closing"]')).toHaveText('2')
  await expectAccessible(page, { label: 'ledger print view' })
})
