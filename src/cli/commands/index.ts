import type { Command } from 'commander';
import { registerCore } from './core.cli.ts';
import { registerUser } from './user.cli.ts';
import { registerAlerts } from './alerts.cli.ts';
import { registerOrg } from './org.cli.ts';
import { registerDemo } from './demo.cli.ts';
import { registerDrill } from './drill.cli.ts';
import { registerTrain } from './train.cli.ts';
import { registerDomains } from './domains.cli.ts';
import { registerMail } from './mail.cli.ts';
import { registerWatch } from './watch.cli.ts';
import { registerBlur } from './blur.cli.ts';
import { registerIntel } from './intel.cli.ts';
import { registerSensors } from './sensors.cli.ts';
import { registerLeaks } from './leaks.cli.ts';

/** Every command group. Adding a capability's commands is a file and a line here. */
export const commandGroups: Array<(program: Command) => void> = [registerCore, registerUser, registerAlerts, registerOrg, registerDemo, registerDrill, registerTrain, registerDomains, registerMail, registerWatch, registerBlur, registerIntel, registerSensors, registerLeaks];
