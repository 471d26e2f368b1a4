import type { migrationZhCN } from './migration.zh-CN'

type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }

export const migrationEn: Shape<typeof migrationZhCN> = {
  title: 'Migrants',
}
