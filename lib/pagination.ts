export const PAGE_SIZE = 50

export interface Page<T> {
  rows: T[]
  total: number
  page: number
  pageCount: number
}

export function pageArgs(page: number, size = PAGE_SIZE) {
  return { skip: (Math.max(1, page) - 1) * size, take: size }
}

export function toPage<T>(rows: T[], total: number, page: number, size = PAGE_SIZE): Page<T> {
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / size)) }
}
