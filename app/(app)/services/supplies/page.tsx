import { randomUUID } from 'node:crypto'
import type { Metadata } from 'next'
import { can } from '@/lib/access/permissions'
import { getLocale, getT } from '@/lib/i18n/server'
import { requireUser } from '@/lib/server/session'
import { todayIso } from '@/lib/dates'
import { ledgerFilterSchema } from '@/lib/services/supplies/schemas'
import {
  dailyDispensing,
  expiryWarnings,
  itemName,
  listItems,
  stationInScope,
  stationMovements,
  stationsInScope,
  stationStock,
  unitName,
} from '@/lib/services/supplies/queries'
import { Alert, Badge, Card, EmptyState, Field, PageTitle, Table, Td, Th, buttonClass } from '@/components/ui'
import { Combobox } from '@/components/ui/Combobox'
import { DispenseForm, ItemForm, ReceiveForm, StocktakeForm, TransferForm, WriteOffForm, type BatchChoice } from '@/components/services/SuppliesForms'

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getT())('supplies.title') }
}

const stateTone = { EXPIRED: 'red', EXPIRING: 'amber', OK: 'green' } as const

/** 药具管理: a station's stock by batch, its forms, its latest movements, and the expiry warnings of the user's stations. */
export default async function SuppliesPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const user = await requireUser('supply.view')
  const [t, locale] = await Promise.all([getT(), getLocale()])
  const today = todayIso()
  const filter = ledgerFilterSchema.parse(await searchParams)
  const [stations, items, warnings] = await Promise.all([stationsInScope(user), listItems(user), expiryWarnings(user, today)])
  // a village officer has one room: it is chosen for them
  const stationId = filter.stationId ?? (stations.length === 1 ? stations[0].id : undefined)
  const station = stationId ? await stationInScope(user, stationId) : null
  const [stock, movements, daily] = station
    ? await Promise.all([stationStock(user, station.id, today), stationMovements(user, station.id), dailyDispensing(user, station.id, today.slice(0, 7))])
    : [[], [], []]
  const itemById = new Map(items.map((i) => [i.id, i]))
  const names = Object.fromEntries(items.map((i) => [i.id, itemName(i, locale)]))
  const choices = items.filter((i) => i.active).map((i) => ({ id: i.id, name: itemName(i, locale), unit: unitName(i, locale) }))
  const batches: BatchChoice[] = stock.map((s) => ({ ...s, expired: s.state === 'EXPIRED' }))
  const rooms = station?.kind === 'TOWNSHIP_STATION' ? stations.filter((s) => s.kind === 'VILLAGE_ROOM' && s.townshipId === station.townshipId) : []
  const options = stations.map((s) => ({ value: String(s.id), label: `${s.name}（${t(`supplies.kind.${s.kind}`)}）`, keys: [s.name] }))
  return (
    <>
      <PageTitle>{t('supplies.title')}</PageTitle>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t('supplies.intro')}</p>

      <section aria-labelledby="warnings-title" className="mb-6">
        <h2 id="warnings-title" className="mb-2 text-lg font-semibold text-slate-800">
          {t('supplies.warnings.title')}
        </h2>
        <p className="mb-2 text-sm text-slate-600">{t('supplies.warnings.intro')}</p>
        {warnings.length === 0 ? (
          <EmptyState>{t('supplies.warnings.none')}</EmptyState>
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>{t('supplies.station')}</Th>
                <Th>{t('supplies.stock.item')}</Th>
                <Th>{t('supplies.stock.batch')}</Th>
                <Th>{t('supplies.stock.expiresOn')}</Th>
                <Th>{t('supplies.stock.quantity')}</Th>
                <Th>{t('supplies.stock.state')}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="expiry-warnings">
              {warnings.map((w) => (
                <tr key={`${w.stationId}-${w.batchId}`}>
                  <Td>{w.stationName}</Td>
                  <Td>{names[w.itemId]}</Td>
                  <Td>{w.batchNo}</Td>
                  <Td>{w.expiresOn}</Td>
                  <Td>{w.quantity}</Td>
                  <Td>
                    <Badge tone={stateTone[w.state]}>{t(`supplies.state.${w.state}`)}</Badge>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>

      {stations.length > 1 ? (
        <form method="get" className="no-print mb-4 flex flex-wrap items-end gap-3" role="search" aria-label={t('supplies.station')}>
          <div className="w-96">
            <Field label={t('supplies.station')} name="station-choice">
              <Combobox id="station-choice" name="stationId" options={options} defaultValue={station?.id ?? ''} placeholder={t('supplies.chooseStation')} />
            </Field>
          </div>
          <button type="submit" className={buttonClass.secondary}>
            {t('supplies.show')}
          </button>
        </form>
      ) : null}

      {filter.stationId && !station ? <Alert kind="error">{t('supplies.errors.station')}</Alert> : null}

      {station ? (
        <>
          <h2 className="mb-2 text-lg font-semibold text-slate-800" data-testid="station-name">
            {station.name}（{t(`supplies.kind.${station.kind}`)}）
          </h2>
          <section aria-labelledby="stock-title" className="mb-6">
            <h3 id="stock-title" className="mb-2 font-medium text-slate-800">
              {t('supplies.stock.title')}
            </h3>
            {stock.length === 0 ? (
              <EmptyState>{t('supplies.stock.empty')}</EmptyState>
            ) : (
              <Table>
                <thead>
                  <tr>
                    <Th>{t('supplies.stock.item')}</Th>
                    <Th>{t('supplies.stock.batch')}</Th>
                    <Th>{t('supplies.stock.expiresOn')}</Th>
                    <Th>{t('supplies.stock.quantity')}</Th>
                    <Th>{t('supplies.stock.state')}</Th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100" data-testid="stock">
                  {stock.map((s) => (
                    <tr key={s.batchId}>
                      <Td>{names[s.itemId]}</Td>
                      <Td>{s.batchNo}</Td>
                      <Td>{s.expiresOn}</Td>
                      <Td>
                        <span data-col="quantity">{s.quantity}</span> {itemById.get(s.itemId) ? unitName(itemById.get(s.itemId)!, locale) : ''}
                      </Td>
                      <Td>
                        <Badge tone={stateTone[s.state]}>{t(`supplies.state.${s.state}`)}</Badge>{' '}
                        {s.suggested ? <Badge>{t('supplies.stock.suggested')}</Badge> : null}
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </section>

          <div className="no-print mb-6 grid gap-4 lg:grid-cols-2">
            {can(user, 'supply.dispense') ? (
              <Card>
                <DispenseForm key={`d-${station.id}`} stationId={station.id} items={choices} batches={batches} today={today} formKey={randomUUID()} />
              </Card>
            ) : null}
            {can(user, 'supply.dispense') && stock.length > 0 ? (
              <Card>
                <StocktakeForm key={`s-${station.id}`} stationId={station.id} batches={batches} itemNames={names} today={today} formKey={randomUUID()} />
              </Card>
            ) : null}
            {can(user, 'supply.manage') && stock.length > 0 ? (
              <Card>
                <WriteOffForm key={`w-${station.id}`} stationId={station.id} batches={batches} itemNames={names} today={today} formKey={randomUUID()} />
              </Card>
            ) : null}
            {can(user, 'supply.manage') && rooms.length > 0 ? (
              <Card>
                <TransferForm
                  key={`t-${station.id}`}
                  fromStationId={station.id}
                  rooms={rooms.map((r) => ({ id: r.id, name: r.name }))}
                  items={choices}
                  batches={batches}
                  today={today}
                  formKey={randomUUID()}
                />
              </Card>
            ) : null}
            {can(user, 'supply.allocate') && station.kind === 'TOWNSHIP_STATION' ? (
              <Card>
                <ReceiveForm key={`r-${station.id}`} stationId={station.id} items={choices} today={today} formKey={randomUUID()} />
              </Card>
            ) : null}
          </div>

          <section aria-labelledby="daily-title" className="mb-6">
            <h3 id="daily-title" className="mb-2 font-medium text-slate-800">
              {t('supplies.dispense.daily')}
            </h3>
            {daily.length === 0 ? (
              <EmptyState>{t('supplies.dispense.noDaily')}</EmptyState>
            ) : (
              <Table>
                <thead>
                  <tr>
                    <Th>{t('supplies.movements.date')}</Th>
                    <Th>{t('supplies.stock.item')}</Th>
                    <Th>{t('supplies.stock.quantity')}</Th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100" data-testid="daily">
                  {daily.map((d) => (
                    <tr key={`${d.day}-${d.itemId}`}>
                      <Td>{d.day}</Td>
                      <Td>{names[d.itemId]}</Td>
                      <Td>
                        <span data-col="quantity">{d.quantity}</span>
                      </Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </section>

          <section aria-labelledby="movements-title">
            <h3 id="movements-title" className="mb-2 font-medium text-slate-800">
              {t('supplies.movements.title')}
            </h3>
            {movements.length === 0 ? (
              <EmptyState>{t('supplies.movements.none')}</EmptyState>
            ) : (
              <Table>
                <thead>
                  <tr>
                    <Th>{t('supplies.movements.date')}</Th>
                    <Th>{t('supplies.movements.kind')}</Th>
                    <Th>{t('supplies.stock.item')}</Th>
                    <Th>{t('supplies.stock.batch')}</Th>
                    <Th>{t('supplies.movements.change')}</Th>
                    <Th>{t('supplies.movements.detail')}</Th>
                    <Th>{t('supplies.movements.person')}</Th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100" data-testid="movements">
                  {movements.map((m) => (
                    <tr key={m.id}>
                      <Td>{m.occurredOn}</Td>
                      <Td>{t(`supplies.movements.kinds.${m.kind as 'RECEIVE'}`)}</Td>
                      <Td>{names[m.itemId]}</Td>
                      <Td>{m.batchNo}</Td>
                      <Td>
                        <span data-col="change">{m.delta > 0 ? `+${m.delta}` : m.delta}</span>
                      </Td>
                      <Td>
                        {m.kind === 'STOCKTAKE' ? t('supplies.movements.bookCounted', { book: m.bookQuantity ?? 0, counted: m.countedQuantity ?? 0 }) : null}
                        {m.reason ? t(`supplies.writeOff.reasons.${m.reason as 'EXPIRED'}`) : null}
                        {m.note ? ` ${m.note}` : null}
                      </Td>
                      <Td>{m.personName ?? ''}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </section>
        </>
      ) : null}

      {can(user, 'supply.allocate') ? (
        <Card className="no-print mt-6">
          <ItemForm />
        </Card>
      ) : null}
    </>
  )
}
