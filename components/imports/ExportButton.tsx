'use client'
import { useState } from 'react'
import { useT } from '@/lib/i18n/client'
import { Alert, buttonClass } from '@/components/ui'

/** The register search's filters that the export understands (lib/registry/schemas searchSchema). */
const FILTER_KEYS = ['q', 'regionId', 'residence', 'sex', 'ageMin', 'ageMax', 'alive'] as const

type Params = Record<string, string | string[] | undefined> | URLSearchParams

/** The export URL for the current search: the same filters, no page. */
export function exportHref(searchParams: Params): string {
  const get = (key: string) => {
    const value = searchParams instanceof URLSearchParams ? searchParams.get(key) : searchParams[key]
    return Array.isArray(value) ? value[0] : (value ?? undefined)
  }
  const query = new URLSearchParams()
  for (const key of FILTER_KEYS) {
    const value = get(key)
    if (value) query.set(key, value)
  }
  const s = query.toString()
  return `/api/register/export${s ? `?${s}` : ''}`
}

/**
 * "Export to Excel" for the register search page: pass the page's search params. Downloads the
 * filtered list (scoped to the user, ID numbers masked unless the role may see them); a refusal,
 * such as too many rows, is shown as a message instead of a broken download. The page shows it
 * only to roles with `register.export`, the permission the route checks.
 */
export function ExportButton({ searchParams }: { searchParams: Params }) {
  const t = useT()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)

  async function download() {
    setBusy(true)
    setError(null)
    setNote(null)
    try {
      const response = await fetch(exportHref(searchParams), { credentials: 'same-origin' })
      if (!response.ok) {
        setError((await response.text()) || t('imports.export.failed'))
        return
      }
      const blob = await response.blob()
      const name = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get('Content-Disposition') ?? '')?.[1]
      const url = URL.createObjectURL(blob)
      const a = document.createElement('a')
      a.href = url
      a.download = name ? decodeURIComponent(name) : 'register.xlsx'
      document.body.appendChild(a)
      a.click()
      a.remove()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
      if (response.headers.get('X-Export-Full-Ids') === '1') setNote(t('imports.export.fullIds'))
    } catch {
      setError(t('imports.export.failed'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="inline-flex flex-col gap-2">
      <button type="button" className={buttonClass.secondary} onClick={download} disabled={busy} aria-busy={busy} data-testid="register-export">
        {busy ? t('imports.export.busy') : t('imports.export.button')}
      </button>
      {error ? <Alert kind="error">{error}</Alert> : null}
      {note ? <Alert kind="info">{note}</Alert> : null}
    </div>
  )
}
