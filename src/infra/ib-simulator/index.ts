// The simulator's public surface: the server and its control API, the demo scenario, and the
// types a caller needs. See tws-simulator.ts for what each capability does.

export type { RequestRefusal } from './api-requests.js';
export type { LoggedRequest } from './client-connection.js';
export type { ConnectedClient, ConnectionRecord } from './connection-registry.js';
export { CONNECTIVITY_MESSAGES } from './connectivity-codes.js';
export {
  type DemoScenario,
  type DemoScenarioOptions,
  type DemoStats,
  type ScenarioBroker,
  startDemoScenario,
} from './demo/demo-scenario.js';
export { DEMO_UNDERLYINGS, type ListedOption, listOptions, type Underlying } from './demo/option-catalog.js';
export { type RandomSource, seededRandom } from './demo/seeded-random.js';
export { eventLogLine } from './event-log-line.js';
export type {
  ExecutionCorrection,
  SimulatedExecution,
  TradeTerms,
} from './execution-ledger.js';
export type { AccountSubscription } from './portfolio-feed.js';
export type { ChangeTerms, OpenTerms, SimulatedPosition } from './simulated-book.js';
export { SimulatorError, type SimulatorErrorCode } from './simulator-error.js';
export type {
  ConnectivityCode,
  NoTradeReason,
  PositionChangeKind,
  SimulatorEvent,
  SimulatorEventType,
} from './simulator-events.js';
export {
  DEFAULT_ACCOUNTS,
  DEFAULT_MAX_CLIENTS,
  DEFAULT_PORTFOLIO_REFRESH_MS,
  DEFAULT_SERVER_VERSION,
  DEFAULT_TIME_ZONE,
  type SimulatorOptions,
} from './simulator-options.js';
export type { LostFills, NoTradeTerms, RemoveOptions, SilentTrading } from './trading.js';
export { type SimulatorEventListener, startSimulator, TwsSimulator } from './tws-simulator.js';
export type { ExecutionSide, LiquidityCode } from './wire/execution-replies.js';
export type { ClientRequest, ClientRequestType, ExecutionFilter } from './wire/request-decoder.js';
