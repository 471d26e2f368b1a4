'use client'
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useT } from '@/lib/i18n/client'
import { inputClass } from './index'
import { filterOptions, type ComboboxOption } from './combobox-filter'

export type { ComboboxOption }

/** Options shown at once; typing narrows a longer list. */
const SHOWN = 100

/**
 * A select that filters as one types (Chinese, pinyin initials or full pinyin, code), after the
 * WAI-ARIA 1.2 combobox pattern: ↓/↑ move through the list, Enter chooses, Escape closes (or
 * clears), Home/End. The chosen value goes to the form in a hidden input named `name`, so it
 * replaces a <select name> without changing the action; the visible input carries `id` for the
 * form's <label htmlFor>.
 */
export function Combobox({
  id,
  name,
  options,
  defaultValue = '',
  placeholder,
  onChange,
  invalid,
  describedBy,
}: {
  id: string
  name: string
  options: readonly ComboboxOption[]
  defaultValue?: string | number
  placeholder?: string
  onChange?: (value: string) => void
  invalid?: boolean
  describedBy?: string
}) {
  const t = useT()
  const listId = useId()
  const initial = options.find((o) => o.value === String(defaultValue ?? ''))
  const [value, setValue] = useState(initial?.value ?? '')
  const [text, setText] = useState(initial && initial.value !== '' ? initial.label : '')
  const [query, setQuery] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const listRef = useRef<HTMLUListElement>(null)

  const matches = useMemo(() => filterOptions(options, query), [options, query])
  const shown = matches.slice(0, SHOWN)
  const optionId = (index: number) => `${listId}-${index}`

  function show(nextQuery: string, nextActive = -1) {
    setQuery(nextQuery)
    setOpen(true)
    setActive(nextActive)
  }
  function move(index: number) {
    setActive(index)
    document.getElementById(optionId(index))?.scrollIntoView({ block: 'nearest' })
  }
  function choose(option: ComboboxOption) {
    setValue(option.value)
    setText(option.value === '' ? '' : option.label)
    setQuery('')
    setOpen(false)
    setActive(-1)
    onChange?.(option.value)
  }
  /** Leaving the field puts back the chosen option's name, so what is shown is what is sent. */
  function settle() {
    setOpen(false)
    setActive(-1)
    setQuery('')
    const chosen = options.find((o) => o.value === value)
    setText(chosen && chosen.value !== '' ? chosen.label : '')
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const last = shown.length - 1
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault()
        if (!open) show(query, 0)
        else if (last >= 0) move(active < last ? active + 1 : 0)
        break
      case 'ArrowUp':
        event.preventDefault()
        if (!open) show(query, last)
        else if (last >= 0) move(active > 0 ? active - 1 : last)
        break
      case 'Home':
      case 'End':
        if (open && last >= 0) {
          event.preventDefault()
          move(event.key === 'Home' ? 0 : last)
        }
        break
      case 'Enter':
        // choose the active option; with none active, Enter submits the form as usual
        if (open && active >= 0 && shown[active]) {
          event.preventDefault()
          choose(shown[active])
        }
        break
      case 'Escape':
        if (open) {
          event.preventDefault()
          settle()
        } else if (text !== '') {
          event.preventDefault()
          setText('')
        }
        break
      case 'Tab':
        if (open) settle()
        break
    }
  }

  return (
    <div className="relative">
      <input type="hidden" name={name} value={value} />
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        placeholder={placeholder ?? t('common.typeToFilter')}
        className={inputClass}
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          show(e.target.value, e.target.value.trim() === '' ? -1 : 0)
        }}
        onClick={() => (open ? settle() : show(''))}
        onKeyDown={onKeyDown}
        onBlur={(e) => {
          if (!listRef.current?.contains(e.relatedTarget as Node | null)) settle()
        }}
      />
      <ul
        ref={listRef}
        id={listId}
        role="listbox"
        aria-label={placeholder ?? t('common.typeToFilter')}
        hidden={!open}
        className="absolute z-20 mt-1 max-h-72 w-full min-w-64 overflow-auto rounded-md border border-slate-300 bg-white py-1 text-sm shadow-lg"
      >
        {shown.map((option, index) => (
          <li
            key={option.value}
            id={optionId(index)}
            role="option"
            aria-selected={option.value === value}
            // keep the focus in the input: choosing by mouse must not blur it first
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(option)}
            onMouseMove={() => active !== index && setActive(index)}
            className={`cursor-pointer px-3 py-1.5 ${index === active ? 'bg-brand-600 text-white' : option.value === value ? 'bg-brand-50 font-medium text-slate-900' : 'text-slate-800'}`}
          >
            {option.label}
          </li>
        ))}
        {shown.length === 0 ? (
          <li role="presentation" className="px-3 py-1.5 text-slate-600">
            {t('common.noMatch')}
          </li>
        ) : null}
        {matches.length > SHOWN ? (
          <li role="presentation" className="px-3 py-1.5 text-xs text-slate-600">
            {t('common.typeToNarrow', { count: matches.length })}
          </li>
        ) : null}
      </ul>
      <p className="sr-only" aria-live="polite">
        {open ? t('common.matchCount', { count: matches.length }) : ''}
      </p>
    </div>
  )
}
