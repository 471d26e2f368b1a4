import { expect, test, type Page } from '@playwright/test'
import { chooseInCombobox, closeFixtureDatabase, e2eDatabase, expectAccessible, signInAndWait, signOut } from './helpers'
import { makeHousehold } from '@/tests/factories/registry'

// Benefits through the forms (issue 14): a village officer applies for a resident chosen from the
// list (the empty field, a declaration without evidence and the double click handled), the township
// accepts, investigates, deliberates and publishes the notice and prints it, an objection blocks the
// county's review until the township resolves it, and the county reviews, approves and enrolls.

const VILLAGE_OFFICER = 'chd.v1'
const TOWNSHIP = 'chd.staff'
const COUNTY = 'county.official'
const RESIDENT = '钱秀芳'
const PROGRAM = '农村部分计划生育家庭奖励扶助'

/** yyyy-mm-dd `n` days before today in China (UTC+8), as the app counts days. */
function daysAgo(n: number) {
  const d = new Date(Date.now() + 8 * 3_600_000)
  d.setUTCDate(d.getUTCDate() - n)
  return d.toISOString().slice(0, 10)
}

test.beforeAll(async () => {
  const db = e2eDatabase()
  try {
    const officer = await db.user.findUniqueOrThrow({
      where: { username: VILLAGE_OFFICER },
      select: { region: { select: { id: true, level: true, ancestorIds: true } } },
    })
    if ((await db.person.count({ where: { name: RESIDENT } })) === 0) {
      await makeHousehold(db, officer.region, {
        address: '扶助测试路 1 号',
        members: [{ name: RESIDENT, sex: 'FEMALE', birthDate: '1955-03-01', ethnicity: '01', residence: 'LOCAL', maritalStatus: 'MARRIED', relation: 'SELF' }],
      })
    }
  } finally {
    await closeFixtureDatabase(db)
  }
})

async function openBenefits(page: Page) {
  await page.getByTestId('main-nav').getByRole('link', { name: '奖励扶助', exact: true }).click()
  await expect(page.getByRole('heading', { name: '奖励扶助', level: 1 })).toBeVisible()
}

async function openApplication(page: Page) {
  await openBenefits(page)
  await page.getByRole('link', { name: RESIDENT }).first().click()
  await expect(page.getByRole('heading', { name: new RegExp(RESIDENT) })).toBeVisible()
}

/** Does the step the page offers, dated `on`, and waits for the new status. */
async function doStep(page: Page, step: string, on: string, status: string) {
  const form = page.getByRole('form', { name: `办理：${step}` })
  await form.getByLabel('办理日期').fill(on)
  await form.getByLabel('意见').fill(`${step}：同意`)
  await form.getByRole('button', { name: step }).click()
  await expect(page.getByTestId('status')).toHaveText(status)
}

test('apply, process, publish and print the notice, an objection blocks, the county approves', async ({ page }) => {
  test.setTimeout(180_000)
  // --- the village applies
  await signInAndWait(page, VILLAGE_OFFICER)
  await openBenefits(page)
  await expectAccessible(page, { label: 'applications' })
  await page.getByRole('link', { name: '新申请' }).click()
  await expectAccessible(page, { label: 'apply' })
  const form = page.getByRole('form', { name: '新申请' })
  // the empty form: nothing chosen
  await form.getByRole('button', { name: '提交申请' }).click()
  await expect(form.getByText('此项为必填项。').first()).toBeVisible()
  await form.getByLabel('项目').selectOption({ label: PROGRAM })
  await chooseInCombobox(page, '申请对象', RESIDENT)
  await form.getByLabel('申报日期').fill(daysAgo(30))
  // a declaration without its evidence is refused
  await form.getByLabel('计划生育家庭（如独生子女证）').check()
  await form.getByRole('button', { name: '提交申请' }).click()
  await expect(form.getByText('声明事项须填写证明材料。')).toBeVisible()
  await form.getByLabel('证明材料').fill('独生子女父母光荣证 No.0815')
  // the double click: one application
  await form.getByRole('button', { name: '提交申请' }).dblclick()
  await expect(form.getByText('申请已提交。')).toBeVisible()
  const db = e2eDatabase()
  try {
    const person = await db.person.findFirstOrThrow({ where: { name: RESIDENT } })
    expect(await db.benefitApplication.count({ where: { personId: person.id } })).toBe(1)
  } finally {
    await closeFixtureDatabase(db)
  }
  // applying again for the same person and program is refused
  await form.getByRole('button', { name: '提交申请' }).click()
  await expect(form.getByRole('alert').filter({ hasText: /不能重复申请/ })).toBeVisible()
  await openApplication(page)
  await expect(page.getByTestId('status')).toHaveText('已申报')
  await expect(page.getByTestId('eligibility')).toContainText('符合')
  await expectAccessible(page, { label: 'application (village)' })
  await signOut(page)

  // --- the township accepts, investigates, deliberates and publishes
  await signInAndWait(page, TOWNSHIP)
  await openApplication(page)
  await expectAccessible(page, { label: 'application (township)' })
  await doStep(page, '受理', daysAgo(25), '已受理')
  await doStep(page, '调查', daysAgo(22), '已调查')
  await doStep(page, '评议', daysAgo(20), '已评议')
  await expect(page.getByText('等待乡镇统一发布公示。')).toBeVisible()
  await page.getByRole('link', { name: '公示', exact: true }).click()
  await expectAccessible(page, { label: 'notices' })
  const notice = page.getByRole('form', { name: '发布公示' })
  await notice.getByLabel('公示开始日期').fill(daysAgo(15))
  await notice.getByRole('button', { name: '发布' }).click()
  await expect(notice.getByText('此项为必填项。')).toBeVisible()
  await notice.getByLabel('联系人及电话').fill('柴胡店镇人口服务办 郑海涛 0534-5123456')
  await notice.getByRole('button', { name: '发布' }).click()
  await expect(notice.getByText('公示已发布。')).toBeVisible()
  await notice.getByRole('link', { name: '打印公示' }).click()
  const paper = page.getByTestId('notice')
  await expect(paper.getByRole('heading', { name: /奖励扶助对象公示/ })).toBeVisible()
  await expect(paper.getByRole('row', { name: new RegExp(RESIDENT) })).toContainText(PROGRAM)
  await expect(paper).toContainText(`公示期：${daysAgo(15)} 至 ${daysAgo(9)}`)
  await expect(paper).toContainText('联系人：柴胡店镇人口服务办 郑海涛 0534-5123456')
  expect(await paper.textContent()).not.toMatch(/\d{6}(19|20)\d{2}/)
  await expectAccessible(page, { label: 'notice print' })

  // an objection during the notice
  await openApplication(page)
  await expect(page.getByTestId('status')).toHaveText('公示中')
  const objection = page.getByRole('form', { name: '登记异议' })
  await objection.getByRole('button', { name: '登记异议' }).click()
  await expect(objection.getByText('此项为必填项。').first()).toBeVisible()
  await objection.getByLabel('提出人').fill('张群众')
  await objection.getByLabel('提出日期').fill(daysAgo(12))
  await objection.getByLabel('异议内容').fill('反映其子女情况与申报不符')
  await objection.getByRole('button', { name: '登记异议' }).click()
  await expect(page.getByText('未处理')).toBeVisible()
  await signOut(page)

  // --- the county cannot review while the objection is open
  await signInAndWait(page, COUNTY)
  await openApplication(page)
  await expectAccessible(page, { label: 'application (county)' })
  const review = page.getByRole('form', { name: '办理：复核' })
  await review.getByLabel('办理日期').fill(daysAgo(5))
  await review.getByRole('button', { name: '复核' }).click()
  await expect(review.getByText('公示期间有未处理的异议，处理完毕前不能进入下一步。')).toBeVisible()
  await expect(page.getByTestId('status')).toHaveText('公示中')
  await signOut(page)

  // --- the township resolves it
  await signInAndWait(page, TOWNSHIP)
  await openApplication(page)
  await page.getByLabel('处理结果').fill('经入户核实，情况属实，异议不成立')
  await page.getByLabel('处理日期').fill(daysAgo(8))
  await page.getByRole('button', { name: '处理异议' }).click()
  await expect(page.getByText('未处理')).toBeHidden()
  await signOut(page)

  // --- the county reviews, approves and enrolls
  await signInAndWait(page, COUNTY)
  await openApplication(page)
  await doStep(page, '复核', daysAgo(5), '已复核')
  await doStep(page, '审批', daysAgo(3), '已审批')
  await doStep(page, '录入', daysAgo(2), '已录入')
  await expect(page.getByText(`已录入：自 ${daysAgo(3)} 起，标准 960.00 元`)).toBeVisible()
  await expectAccessible(page, { label: 'application enrolled' })
})
