import { lexicographicSortSchema } from 'graphql';
import './alert-delivery.js';
import { builder } from './builder.js';
import './contract.js';
import './date-time.js';
import './discrepancy.js';
import './discrepancy-event.js';
import './page-info.js';
import './parquet-export.js';
import './position.js';
import './position-update.js';
import './reconciliation-run.js';
import './system-status.js';
import './verification.js';
import './viewer.js';

/** The whole public contract (committed as schema.graphql), sorted so the printed SDL is stable. */
export const schema = lexicographicSortSchema(builder.toSchema());
