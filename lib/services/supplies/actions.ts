'use server'
import { defineAction } from '@/lib/server/action'
import { dispenseSchema, itemSchema, receiveSchema, stocktakeSchema, transferSchema, writeOffSchema } from './schemas'
import { createItem, dispenseSupplies, receiveSupplies, takeStocktake, transferSupplies, writeOffSupplies } from './service'

const PAGES = ['/services/supplies', '/services/supplies/ledger']

export const createItemAction = defineAction({
  schema: itemSchema,
  permission: 'supply.allocate',
  run: (input, ctx) => createItem(ctx, input),
  revalidate: PAGES,
  success: 'supplies.item.created',
})

export const receiveSuppliesAction = defineAction({
  schema: receiveSchema,
  permission: 'supply.allocate',
  run: (input, ctx) => receiveSupplies(ctx, input),
  revalidate: PAGES,
  success: 'supplies.receive.saved',
})

export const transferSuppliesAction = defineAction({
  schema: transferSchema,
  permission: 'supply.manage',
  run: (input, ctx) => transferSupplies(ctx, input),
  revalidate: PAGES,
  success: 'supplies.transfer.saved',
})

export const dispenseSuppliesAction = defineAction({
  schema: dispenseSchema,
  permission: 'supply.dispense',
  run: (input, ctx) => dispenseSupplies(ctx, input),
  revalidate: PAGES,
  success: 'supplies.dispense.saved',
})

export const writeOffSuppliesAction = defineAction({
  schema: writeOffSchema,
  permission: 'supply.manage',
  run: (input, ctx) => writeOffSupplies(ctx, input),
  revalidate: PAGES,
  success: 'supplies.writeOff.saved',
})

export const stocktakeAction = defineAction({
  schema: stocktakeSchema,
  permission: 'supply.dispense',
  run: (input, ctx) => takeStocktake(ctx, input),
  revalidate: PAGES,
  success: 'supplies.stocktake.saved',
})
