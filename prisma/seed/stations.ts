import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import type { PrismaClient } from '@/lib/generated/prisma/client'
import { dataDir } from '@/lib/db/paths'
import { blobKey } from '@/lib/attachments/rules'
import { addDays } from '@/lib/services/rules'
import { meetsStandard, type CheckScore } from '@/lib/services/stations/rules'
import { seededRandom } from '@/tests/factories/random'
import { makeChecklist } from '@/tests/factories/stations'

// The demo's standardisation checks and childcare institutions (issue 11): the county's checklist,
// one to three checks per station and room over the two years (most meeting the standard at their
// latest, some not), a few with photos as evidence (small JPEGs made with sharp, stored the way the
// attachments kernel stores them), and childcare institutions in most townships.

const CHECKERS = ['县卫健局 赵国强', '县卫健局 孙丽', '乡镇人口办 周敏']
const NOTES = ['标识牌需更新', '设备台账不全', '制度未上墙', '档案需分类整理']
const INSTITUTION_NAMES = ['阳光宝贝托育园', '小太阳托育中心', '童心托育园', '幼儿园托班']

/** A small photo-like JPEG, different for each seed: a coloured gradient. */
async function demoPhoto(n: number): Promise<Uint8Array> {
  const width = 160
  const height = 120
  const pixels = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3
      pixels[i] = (x * 255) / width
      pixels[i + 1] = (y * 255) / height
      pixels[i + 2] = (n * 47) % 256
    }
  }
  return new Uint8Array(
    await sharp(pixels, { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 70 })
      .toBuffer(),
  )
}

/** Stores bytes as the local attachment store does (content-addressed under the data folder). */
async function storeBytes(key: string, bytes: Uint8Array) {
  const file = path.join(dataDir(), 'files', key)
  await fs.mkdir(path.dirname(file), { recursive: true })
  await fs.writeFile(file, bytes)
}

export async function buildStationsDemo(db: PrismaClient, options: { countyId: number; today: string; seed: number }) {
  const random = seededRandom(options.seed + 29)
  const { countyId, today } = options
  const items = [...(await makeChecklist(db, countyId)).values()]
  const recorder = (await db.user.findFirst({ where: { role: 'ADMIN', regionId: countyId }, select: { id: true } }))?.id ?? 1
  const stations = await db.serviceStation.findMany({
    where: { countyId },
    select: { id: true, townshipId: true, villageId: true },
    orderBy: { id: 'asc' },
  })
  let photos = 0
  for (const s of stations) {
    const count = random.int(1, 3)
    // about four in five stations meet the standard at their latest check; earlier checks more often fell short
    const meetsAtLast = random.next() < 0.8
    let latest: { on: string; meets: boolean } | null = null
    for (let k = 0; k < count; k++) {
      const on = addDays(today, -random.int(30 + (count - 1 - k) * 240, 200 + (count - 1 - k) * 240))
      const last = k === count - 1
      const good = last ? meetsAtLast : random.next() < 0.5
      const scores = items.map((item) => {
        let score: CheckScore = 'MET'
        if (!good && (item.core ? random.next() < 0.35 : random.next() < 0.6)) score = random.next() < 0.5 ? 'PARTLY' : 'NOT_MET'
        else if (good && !item.core && random.next() < 0.2) score = 'PARTLY'
        return { itemId: item.id, core: item.core, score }
      })
      // a check meant to fall short does: the first core item only partly met
      if (!good && meetsStandard(scores)) scores[0].score = 'PARTLY'
      const meets = meetsStandard(scores)
      const check = await db.stationCheck.create({
        data: {
          stationId: s.id,
          countyId,
          townshipId: s.townshipId,
          villageId: s.villageId,
          checkedOn: new Date(`${on}T00:00:00Z`),
          checkedBy: random.pick(CHECKERS),
          notes: meets ? null : random.pick(NOTES),
          meetsStandard: meets,
          recordedById: recorder,
          scores: { create: scores.map(({ itemId, score }) => ({ itemId, score })) },
        },
        select: { id: true },
      })
      if (last && photos < 24 && random.next() < 0.1) {
        const bytes = await demoPhoto(photos)
        const sha256 = createHash('sha256').update(bytes).digest('hex')
        await storeBytes(blobKey(sha256), bytes)
        await storeBytes(blobKey(sha256, 'thumbnail'), bytes)
        await db.attachment.create({
          data: {
            sha256,
            mime: 'image/jpeg',
            size: bytes.length,
            name: `检查照片${photos + 1}.jpg`,
            thumbnail: true,
            ownerType: 'StationCheck',
            ownerId: check.id,
            countyId,
            createdById: recorder,
          },
        })
        photos++
      }
      if (!latest || on >= latest.on) latest = { on, meets }
    }
    if (latest) await db.serviceStation.update({ where: { id: s.id }, data: { meetsStandard: latest.meets, checkedOn: new Date(`${latest.on}T00:00:00Z`) } })
  }

  // childcare institutions: one or two in most townships
  const townships = await db.serviceStation.findMany({
    where: { countyId, kind: 'TOWNSHIP_STATION' },
    select: { townshipId: true, name: true },
    orderBy: { townshipId: 'asc' },
  })
  let n = 0
  for (const t of townships) {
    if (random.next() < 0.2) continue
    const township = t.name.replace(/人口和家庭服务站$/, '')
    for (let k = 0; k < random.int(1, 2); k++) {
      n++
      const places = random.pick([30, 40, 60, 80, 100])
      await db.childcareInstitution.create({
        data: {
          countyId,
          townshipId: t.townshipId,
          name: `${township}${INSTITUTION_NAMES[(n + k) % INSTITUTION_NAMES.length]}`,
          licence: `鲁德托备${String(2023000 + n).padStart(7, '0')}`,
          operator: random.pick(['PUBLIC', 'INCLUSIVE_PRIVATE', 'PRIVATE', 'KINDERGARTEN'] as const),
          places,
          placesInUse: Math.round(places * (0.5 + random.next() * 0.45)),
          address: `${township}${random.pick(['幸福路', '建设街', '文化路', '人民路'])}${random.int(1, 200)}号`,
        },
      })
    }
  }
}
