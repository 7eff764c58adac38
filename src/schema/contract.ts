import type { Contract } from '../domain/contract.js';
import { builder } from './builder.js';

export const OptionRightEnum = builder.enumType('OptionRight', { values: ['CALL', 'PUT'] as const });

export const ContractRef = builder.objectRef<Contract>('Contract').implement({
  description: "An instrument as the broker describes it; conId is the broker's stable identifier",
  fields: (t) => ({
    conId: t.exposeInt('conId'),
    symbol: t.exposeString('symbol'),
    secType: t.exposeString('secType'),
    localSymbol: t.exposeString('localSymbol', { nullable: true }),
    tradingClass: t.exposeString('tradingClass', { nullable: true }),
    exchange: t.exposeString('exchange', { nullable: true }),
    currency: t.exposeString('currency'),
    expiry: t.exposeString('expiry', { nullable: true, description: 'Last trading day, YYYYMMDD' }),
    strike: t.exposeFloat('strike', { nullable: true }),
    right: t.expose('right', { type: OptionRightEnum, nullable: true }),
    multiplier: t.exposeFloat('multiplier', { nullable: true }),
  }),
});
