import type { Command } from 'commander';
import { registerCore } from './core.cli.ts';
import { registerUser } from './user.cli.ts';
import { registerAlerts } from './alerts.cli.ts';
import { registerOrg } from './org.cli.ts';
import { registerDemo } from './demo.cli.ts';
import { registerBlur } from './blur.cli.ts';
import { registerSensors } from './sensors.cli.ts';
import { registerLeaks } from './leaks.cli.ts';

/** Every command group. Adding a capability's commands is a file and a line here. */
export const commandGroups: Array<(program: Command) => void> = [registerCore, registerUser, registerAlerts, registerOrg, registerDemo, registerBlur, registerSensors, registerLeaks];
