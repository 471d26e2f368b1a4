import type { MessageKey, MessageParams } from '@/lib/i18n/core'

/**
 * An expected failure whose message the user may see, given as an i18n key. Anything else thrown
 * inside an action is logged and shown as a generic message.
 */
export class AppError extends Error {
  constructor(
    readonly key: MessageKey,
    readonly params?: MessageParams,
    readonly fieldErrors?: Record<string, MessageKey>,
  ) {
    super(key)
    this.name = 'AppError'
  }
}

/** Missing and forbidden look the same to the user, so nobody can probe for rows outside their region. */
export class NotFoundError extends AppError {
  constructor() {
    super('errors.notFound')
  }
}

export class ConflictError extends AppError {
  constructor() {
    super('errors.conflict')
  }
}
