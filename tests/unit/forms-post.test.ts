import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// A form submitted before hydration is sent by the browser as written: without method="post" as
// a GET, with every field (passwords included) in the address. A form whose action is a function
// is rendered by React with method POST already. tests/e2e/no-script.spec.ts checks it in a browser.
function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.tsx') ? [path.join(dir, e.name)] : []))
}

describe('forms in components/', () => {
  it('all post (or take a function action, which React posts)', () => {
    const offenders: string[] = []
    for (const file of files('components')) {
      const source = fs.readFileSync(file, 'utf8')
      for (const match of source.matchAll(/<form\b([\s\S]*?)>/g)) {
        const attributes = match[1]
        const posts = /method="post"/.test(attributes) || (/method="get"/.test(attributes) && !/password/i.test(source)) || /\baction=\{/.test(attributes)
        if (!posts) offenders.push(`${file}: <form${attributes.slice(0, 60)}…`)
      }
    }
    expect(offenders).toEqual([])
  })
})
