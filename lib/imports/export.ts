import 'server-only'
import type { ServiceContext } from '@/lib/server/context'
import { PassThrough, Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { can } from '@/lib/access/permissions'
import { searchWhere } from '@/lib/registry/queries'
import { decryptIdNumber } from '@/lib/registry/crypto'
import { ethnicityName } from '@/lib/registry/ethnicities'
import { toIso } from '@/lib/dates'
import type { SearchFilter } from '@/lib/registry/schemas'
import { zhCN } from '@/lib/i18n/messages/zh-CN'
import { audit } from '@/lib/server/audit'
import { AppError } from '@/lib/server/errors'
import { db } from '@/lib/server/db'
import { HEADER_ZH, labelOf } from './columns'

// The register list as an .xlsx file: the same filter and scope as the search, Chinese headers in
// the import template's order (so an export can be corrected and imported again), ID numbers
// masked unless the role may see them in full. Only roles with `register.export` (those that
// maintain the register) reach it. Every export is audited, before the first byte, with the ids of
// the people in the file; a file with full ID numbers also names whose numbers it carries.

export const MAX_EXPORT_ROWS = 100_000
const BATCH = 5_000

const select = {
  id: true,
  name: true,
  sex: true,
  birthDate: true,
  ethnicity: true,
  idMasked: true,
  idCipher: true,
  phone: true,
  residence: true,
  migrationPlace: true,
  migrationSince: true,
  maritalStatus: true,
  education: true,
  occupation: true,
  hukouText: true,
  hukouCode: true,
  relation: true,
  alive: true,
  movedOut: true,
  householdId: true,
  household: { select: { address: true, type: true } },
  region: { select: { code: true, name: true } },
} as const

const HEADERS: { key: string; header: string; width: number }[] = [
  { key: 'householdKey', header: '户编号', width: 10 },
  { key: 'regionCode', header: HEADER_ZH.regionCode, width: 16 },
  { key: 'regionName', header: '村(组)', width: 14 },
  { key: 'address', header: HEADER_ZH.address, width: 24 },
  { key: 'householdType', header: HEADER_ZH.householdType, width: 8 },
  { key: 'relation', header: HEADER_ZH.relation, width: 10 },
  { key: 'name', header: HEADER_ZH.name, width: 10 },
  { key: 'sex', header: HEADER_ZH.sex, width: 6 },
  { key: 'birthDate', header: HEADER_ZH.birthDate, width: 12 },
  { key: 'ethnicity', header: HEADER_ZH.ethnicity, width: 8 },
  { key: 'idNumber', header: HEADER_ZH.idNumber, width: 21 },
  { key: 'phone', header: HEADER_ZH.phone, width: 14 },
  { key: 'residence', header: HEADER_ZH.residence, width: 10 },
  { key: 'migrationPlace', header: HEADER_ZH.migrationPlace, width: 20 },
  { key: 'migrationSince', header: HEADER_ZH.migrationSince, width: 12 },
  { key: 'maritalStatus', header: HEADER_ZH.maritalStatus, width: 8 },
  { key: 'education', header: HEADER_ZH.education, width: 10 },
  { key: 'occupation', header: HEADER_ZH.occupation, width: 10 },
  { key: 'hukouText', header: HEADER_ZH.hukouText, width: 20 },
  { key: 'hukouCode', header: HEADER_ZH.hukouCode, width: 14 },
  { key: 'status', header: '状态', width: 8 },
]

export type ExportStart = { ok: false; count: number } | { ok: true; count: number; fullIds: boolean; stream: ReadableStream<Uint8Array> }

/**
 * Starts an export of the filtered list. Too many rows: refused with the count. Otherwise the
 * audit event is written and the file streams out batch by batch.
 */
export async function exportRegister(ctx: ServiceContext, filter: Omit<SearchFilter, 'page'>): Promise<ExportStart> {
  const { actor, subject: user } = ctx
  if (!can(user, 'register.export')) throw new AppError('errors.forbidden')
  const where = await searchWhere(user, filter)
  // The file holds exactly these people: the audit event names them before the first row is read.
  const found = await db.person.findMany({ where, select: { id: true, idHash: true }, orderBy: { id: 'asc' }, take: MAX_EXPORT_ROWS + 1 })
  if (found.length > MAX_EXPORT_ROWS) return { ok: false, count: await db.person.count({ where }) }
  const personIds = found.map((p) => p.id)
  const count = personIds.length
  const fullIds = can(user, 'register.revealId')
  await audit(db, actor, {
    action: 'register.export',
    entity: 'Person',
    regionId: user.regionId,
    after: {
      count,
      fullIds,
      personIds,
      ...(fullIds ? { fullIdPersonIds: found.filter((p) => p.idHash !== null).map((p) => p.id) } : {}),
      filter: { ...filter, q: filter.q ? '…' : '' },
    },
  })

  const out = new PassThrough()
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true })
  const sheet = workbook.addWorksheet('人口信息')
  sheet.columns = HEADERS
  const r = zhCN.registry
  void (async () => {
    for (let i = 0; i < personIds.length; i += BATCH) {
      const batch = personIds.slice(i, i + BATCH)
      const rows = await db.person.findMany({ where: { AND: [where, { id: { in: batch } }] }, select, orderBy: { id: 'asc' } })
      for (const p of rows) {
        sheet
          .addRow({
            householdKey: p.householdId ?? '',
            regionCode: p.region.code,
            regionName: p.region.name,
            address: p.household?.address ?? '',
            householdType: p.household ? labelOf('householdType', p.household.type) : '',
            relation: p.relation ? labelOf('relation', p.relation) : '',
            name: p.name,
            sex: labelOf('sex', p.sex),
            birthDate: toIso(p.birthDate),
            ethnicity: ethnicityName(p.ethnicity, 'zh-CN'),
            idNumber: fullIds && p.idCipher ? decryptIdNumber(p.idCipher) : (p.idMasked ?? ''),
            phone: p.phone ?? '',
            residence: labelOf('residence', p.residence),
            migrationPlace: p.migrationPlace ?? '',
            migrationSince: p.migrationSince ? toIso(p.migrationSince) : '',
            maritalStatus: labelOf('maritalStatus', p.maritalStatus),
            education: p.education ? labelOf('education', p.education) : '',
            occupation: p.occupation ?? '',
            hukouText: p.hukouText ?? '',
            hukouCode: p.hukouCode ?? '',
            status: !p.alive ? r.status.deceased : p.movedOut ? r.status.movedOut : r.status.alive,
          })
          .commit()
      }
    }
    sheet.commit()
    await workbook.commit()
  })().catch((error: unknown) => {
    console.error('[export] failed', error)
    out.destroy(error instanceof Error ? error : new Error(String(error)))
  })
  return { ok: true, count, fullIds, stream: Readable.toWeb(out) as ReadableStream<Uint8Array> }
}
