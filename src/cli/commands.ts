import type { Command } from './cli-io.js';
import { exportCommand } from './export-command.js';
import { simulateCommand } from './simulate-command.js';

/** Every command of the `position-sentinel` command line, in the order the usage lists them. */
export const commands: readonly Command[] = [simulateCommand, exportCommand];
