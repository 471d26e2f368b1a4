import 'server-only'
import type { ServiceContext } from '@/lib/server/context'
import { db } from '@/lib/server/db'
import { once } from '@/lib/server/idempotency'
import { audit, auditDenied } from '@/lib/server/audit'
import { AppError, NotFoundError } from '@/lib/server/errors'
import { registerScope } from '@/lib/access/permissions'
import { toDate, toIso } from '@/lib/dates'
import type { RecordAnswerInput, RecordNoticeInput } from './schemas'

// Migrant-service writes: notices sent to a migrant's other county and the answers received.
// Rows are loaded inside the subject's region (a row elsewhere looks missing, and the attempt is
// audited); each write and its audit event are one transaction.

const MIGRANT = { residence: { in: ['INFLOW' as const, 'OUTFLOW' as const] }, alive: true, movedOut: false }

/** Records a notice once per form: a repeat of the same form (`input.formKey`) gets the first one's result. */
export async function recordNotice(ctx: ServiceContext, input: Omit<RecordNoticeInput, 'formKey'> & { formKey?: string }): Promise<{ exchangeId: number }> {
  const { actor, subject } = ctx
  return db.$transaction((tx) =>
    once(tx, input.formKey, actor.id ?? subject.id, 'exchange.send', async () => {
      const person = await tx.person.findFirst({
        where: { id: input.personId, ...registerScope(subject), ...MIGRANT },
        select: { id: true, countyId: true, townshipId: true, villageId: true, regionId: true, residence: true },
      })
      if (!person) {
        if (await tx.person.findFirst({ where: { id: input.personId, NOT: registerScope(subject) }, select: { id: true } })) {
          await auditDenied(actor, 'register.edit', { personId: input.personId })
        }
        throw new NotFoundError()
      }
      const exchange = await tx.exchangeRequest.create({
        data: {
          countyId: person.countyId,
          townshipId: person.townshipId,
          villageId: person.villageId,
          personId: person.id,
          direction: person.residence === 'INFLOW' ? 'INFLOW' : 'OUTFLOW',
          otherCounty: input.otherCounty,
          sentOn: toDate(input.sentOn),
          createdById: actor.id ?? subject.id,
        },
      })
      await audit(tx, actor, {
        action: 'exchange.send',
        entity: 'ExchangeRequest',
        entityId: exchange.id,
        regionId: person.regionId,
        after: { personId: person.id, direction: exchange.direction, otherCounty: input.otherCounty, sentOn: input.sentOn },
      })
      return { exchangeId: exchange.id }
    }),
  )
}

export async function recordAnswer(ctx: ServiceContext, input: RecordAnswerInput): Promise<{ exchangeId: number }> {
  const { actor, subject } = ctx
  return db.$transaction(async (tx) => {
    const exchange = await tx.exchangeRequest.findFirst({
      where: { id: input.exchangeId, person: registerScope(subject) },
      select: { id: true, sentOn: true, answeredOn: true, personId: true, person: { select: { regionId: true } } },
    })
    if (!exchange) {
      if (await tx.exchangeRequest.findUnique({ where: { id: input.exchangeId }, select: { id: true } })) {
        await auditDenied(actor, 'register.edit', { exchangeId: input.exchangeId })
      }
      throw new NotFoundError()
    }
    const sentOn = toIso(exchange.sentOn)
    if (input.answeredOn < sentOn) {
      throw new AppError('migration.errors.answerBeforeSent', { sentOn }, { answeredOn: 'migration.errors.answerBeforeSent' })
    }
    // Only an unanswered notice takes an answer; the check and the write are one statement, so two
    // people recording an answer at once cannot both succeed.
    const updated = await tx.exchangeRequest.updateMany({
      where: { id: exchange.id, answeredOn: null },
      data: { answeredOn: toDate(input.answeredOn), answer: input.answer },
    })
    if (updated.count !== 1) throw new AppError('migration.errors.alreadyAnswered')
    await audit(tx, actor, {
      action: 'exchange.answer',
      entity: 'ExchangeRequest',
      entityId: exchange.id,
      regionId: exchange.person.regionId,
      before: { sentOn, answeredOn: null },
      after: { personId: exchange.personId, answeredOn: input.answeredOn, answer: input.answer },
    })
    return { exchangeId: exchange.id }
  })
}
