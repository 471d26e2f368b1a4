import { zhCN } from './messages/zh-CN'
import { en } from './messages/en'

// A small typed dictionary rather than an i18n framework: two languages, no routing by locale,
// and the compiler checks that every key exists in both (en is typed by the zh-CN shape).

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'zh-CN'
export const LOCALE_COOKIE = 'xz-lang'

type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>
}[keyof T & string]

type DeepStrings<T> = { readonly [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> }
export type Messages = DeepStrings<typeof zhCN>
export type MessageKey = Leaves<Messages>
export type MessageParams = Record<string, string | number>
export type Translate = (key: MessageKey, params?: MessageParams) => string

export const CATALOGS: Record<Locale, Messages> = { 'zh-CN': zhCN, en }

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

export function isMessageKey(value: string): value is MessageKey {
  return lookup(zhCN, value) !== undefined
}

function lookup(messages: Messages, key: string): string | undefined {
  let node: unknown = messages
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string' ? node : undefined
}

/** {name} or {name|singular|plural} */
export const PLACEHOLDER = /\{(\w+)(?:\|([^|{}]*)\|([^|{}]*))?\}/g

export function translator(locale: Locale): Translate {
  const messages = CATALOGS[locale]
  return (key, params) => {
    const template = lookup(messages, key) ?? key
    if (!params) return template
    // {name} is replaced by the parameter; {name|one|other} picks the English singular or plural
    // form by the number (Chinese needs no plural, so its catalogue only uses {name}).
    return template.replace(PLACEHOLDER, (whole, name: string, one?: string, other?: string) => {
      if (!(name in params)) return whole
      if (one === undefined) return String(params[name])
      return Number(params[name]) === 1 ? one : (other ?? one)
    })
  }
}
