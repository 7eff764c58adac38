import { alertEchoCommand } from './alert-echo-command.js';
import type { Command } from './cli-io.js';
import { demoCommand } from './demo-command.js';
import { exportCommand } from './export-command.js';
import { reconcileCommand } from './reconcile-command.js';
import { serveCommand } from './serve-command.js';
import { simulateCommand } from './simulate-command.js';

/** Every command of the `position-sentinel` command line, in the order the usage lists them. */
export const commands: readonly Command[] = [
  serveCommand,
  demoCommand,
  reconcileCommand,
  simulateCommand,
  exportCommand,
  alertEchoCommand,
];
