import type { importsZhCN } from './imports.zh-CN'

type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }

export const importsEn: Shape<typeof importsZhCN> = {
  title: 'Import and export',
}
