import { templateWorkbook } from '@/lib/imports/sheet'
import { regionOptions } from '@/lib/regions/queries'
import { downloadRequest, xlsxResponse } from '@/lib/server/download'

/** The import template; its example rows use the first village the user may enter people in. */
export async function GET() {
  const request = await downloadRequest('register.edit')
  if (!request.ok) return request.response
  const { user } = request
  const [village] = await regionOptions(user, { levels: ['VILLAGE'], activeOnly: true, take: 1 })
  const body = await templateWorkbook(village?.code)
  return xlsxResponse(new Uint8Array(body), 'register-import-template.xlsx', '人口导入模板.xlsx')
}
