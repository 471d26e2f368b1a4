import type { qualityZhCN } from './quality.zh-CN'

type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> }

export const qualityEn: Shape<typeof qualityZhCN> = {
  title: 'Data quality',
}
