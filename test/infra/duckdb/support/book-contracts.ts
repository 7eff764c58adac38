import { option } from '../../../support/contracts.js';

export { AAPL_230_P, NVDA_STOCK, SPY_550_P, SPY_600_C } from '../../../support/contracts.js';

/** An index option with a fractional strike and every contract field set. */
export const SPX_SERIES = option(700_011, 'SPX', '20261218', 6012.5, 'PUT', 'SPXW');
