// Load test of the running app (npm run load): signed-in users of mixed roles over the home page,
// the inbox, register search, person pages and report pages, with a write every 10th request (a
// service recorded on a person's page, through the real server action).
//
//   npm run load -- [--url http://127.0.0.1:3306] [--mode A|B|both] [--minutes 5] [--seconds N]
//
// Mode A: 50 users, each pausing 2 s between requests (autocannon's connectionRate 0.5), for N
// minutes: p95 of reads and of writes, errors. Mode B: saturation, 50 connections, no pause:
// requests per second, p50, p95. The tool is autocannon (maintained, loopback HTTP/1.1).
//
// Sessions come from the real sign-in: a headless Chromium (the one the e2e tests use) signs each
// demo account in through the login form and hands over its cookie; the same browser finds the
// pages to read (people and reports in each account's scope) and records one real submission of
// the service form, which the test replays with a fresh form key each time (so each is a new record).
import autocannon from 'autocannon'
import { chromium, type Request } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import os from 'node:os'

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? process.argv[at + 1] : fallback
}
const BASE = arg('url', `http://127.0.0.1:${process.env.PORT ?? 3000}`)
const MODE = arg('mode', 'both')
const SECONDS = Number(arg('seconds', String(Number(arg('minutes', '5')) * 60)))
const CONNECTIONS = Number(arg('connections', '50'))
const PASSWORD = process.env.XZ_DEMO_PASSWORD ?? 'Ningjin@2026'
/** Mixed roles: county, township, village, inspector and service staff. */
const ACCOUNTS = ['county.official', 'county.stats', 'inspector', 'ncjd.staff', 'ncjd.leader', 'ncjd.stats', 'chd.staff', 'ncjd.v1', 'chd.v1', 'chd.service']
const WRITER = 'ncjd.v1'

interface Session {
  username: string
  cookie: string
  reads: string[]
}
interface Write {
  cookie: string
  url: string
  headers: Record<string, string>
  body: string
  formKey: string
}

async function prepare(): Promise<{ sessions: Session[]; write: Write | null }> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
  const sessions: Session[] = []
  let write: Write | null = null
  try {
    for (const username of ACCOUNTS) {
      const context = await browser.newContext({ baseURL: BASE, locale: 'zh-CN' })
      const page = await context.newPage()
      await page.goto('/login')
      await page.getByLabel('用户名').fill(username)
      await page.getByLabel('密码').fill(PASSWORD)
      await page.getByRole('button', { name: '登录' }).click()
      await page.getByTestId('current-user').waitFor({ timeout: 60_000 })
      const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ')
      const reads = ['/', '/inbox']
      const links = async (path: string, pattern: RegExp) => {
        const response = await page.goto(path)
        if (!response?.ok()) return []
        const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))
        return [...new Set(hrefs.filter((h) => pattern.test(h)))].slice(0, 10)
      }
      for (const q of ['王', '李', '张']) {
        const search = `/register?${new URLSearchParams({ q })}`
        const people = await links(search, /^\/register\/persons\/\d+$/)
        if (people.length > 0) reads.push(search, ...people)
      }
      reads.push(...(await links('/reports', /^\/reports\/\d+$/)))
      sessions.push({ username, cookie, reads })
      if (username === WRITER)
        write = await captureWrite(
          page,
          reads.find((r) => r.startsWith('/register/persons/')),
          cookie,
        )
      await context.close()
    }
  } finally {
    await browser.close()
  }
  return { sessions, write }
}

/** One real submission of the service form on a person's page, recorded to be replayed. */
async function captureWrite(page: import('@playwright/test').Page, personPath: string | undefined, cookie: string): Promise<Write | null> {
  if (!personPath) return null
  await page.goto(personPath)
  const form = page.locator('form[aria-labelledby="record-service-title"]')
  if ((await form.count()) === 0) return null
  const type = form.locator('select[name="typeId"]')
  const options = await type.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean))
  // a type that is not sensitive (no consent fields): the first one whose form then has no consent section
  for (const value of options) {
    await type.selectOption(value)
    if ((await form.locator('select[name="consentBy"]').count()) === 0) break
  }
  await form.locator('input[name="station"]').fill('负载测试服务站')
  await form.locator('textarea[name="outcome"]').fill('负载测试')
  const captured = new Promise<Request>((resolve) => page.on('request', (r) => r.method() === 'POST' && r.headers()['next-action'] && resolve(r)))
  await form.locator('button[type="submit"]').click()
  const request = await captured
  const body = request.postData() ?? ''
  const formKey = /name="formKey"\r\n\r\n([^\r]+)/.exec(body)?.[1] ?? ''
  const headers = Object.fromEntries(
    Object.entries(await request.allHeaders()).filter(([k]) => !k.startsWith(':') && !['cookie', 'content-length', 'host'].includes(k)),
  )
  return { cookie, url: new URL(request.url()).pathname + new URL(request.url()).search, headers, body, formKey }
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

async function run(label: string, sessions: Session[], write: Write | null, options: { rate?: number }) {
  const reads = sessions.flatMap((s) => s.reads.map((path) => ({ path, cookie: s.cookie })))
  const times = { read: [] as number[], write: [] as number[] }
  const errors = { read: 0, write: 0 }
  let n = 0
  const requests = [
    {
      setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
        n++
        if (write && n % 10 === 0) {
          context.kind = 'write'
          const formKey = write.formKey ? randomUUID().slice(0, write.formKey.length) : ''
          return {
            ...req,
            method: 'POST',
            path: write.url,
            headers: { ...write.headers, cookie: write.cookie },
            body: write.formKey ? write.body.replace(write.formKey, formKey) : write.body,
          }
        }
        context.kind = 'read'
        const r = reads[Math.floor(Math.random() * reads.length)]
        return { ...req, method: 'GET', path: r.path, headers: { cookie: r.cookie, accept: 'text/html' } }
      },
    },
  ]
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: BASE,
        connections: CONNECTIONS,
        duration: SECONDS,
        timeout: 30,
        // users who pause: the whole rate of CONNECTIONS users each sending one request per 1/rate s (autocannon's per-connection rate cannot go below 1/s)
        ...(options.rate ? { overallRate: CONNECTIONS * options.rate } : {}),
        requests,
      } as autocannon.Options,
      (error, result) => (error ? reject(error) : resolve(result)),
    )
    // the response's request kind: the connection's context still holds it (autocannon sets up the next one after this event)
    instance.on('response', ((client: { requestIterator?: { context?: { kind?: string } } }, status: number, _bytes: number, time: number) => {
      const kind = client.requestIterator?.context?.kind === 'write' ? 'write' : 'read'
      times[kind].push(time)
      if (status >= 400) errors[kind]++
    }) as never)
  })
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')
  console.log(`\n== ${label}: ${CONNECTIONS} connections, ${SECONDS} s${options.rate ? `, each one request every ${1 / options.rate} s` : ', no pause'}`)
  console.log(
    `requests/s ${result.requests.average.toFixed(1)}  total ${result.requests.total}  timeouts ${result.timeouts}  connection errors ${result.errors}  non-2xx ${result.non2xx}`,
  )
  for (const kind of ['read', 'write'] as const)
    console.log(
      `${kind}s: ${times[kind].length}  p50 ${percentile(times[kind], 50)} ms  p95 ${percentile(times[kind], 95)} ms  p99 ${percentile(times[kind], 99)} ms  errors (HTTP >= 400) ${errors[kind]}`,
    )
  console.log(`load average (1, 5, 15 min) at the end: ${load}; ${os.cpus().length} cores (shared with other work on this machine)`)
}

const { sessions, write } = await prepare()
console.log(`signed in: ${sessions.map((s) => `${s.username} (${s.reads.length} pages)`).join(', ')}`)
console.log(write ? `write: POST ${write.url} (a service recorded by ${WRITER})` : 'write: none found (reads only)')
if (MODE === 'A' || MODE === 'both') await run('mode A (50 users pausing 2 s)', sessions, write, { rate: 0.5 })
if (MODE === 'B' || MODE === 'both') await run('mode B (saturation)', sessions, write, {})
