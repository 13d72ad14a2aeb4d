#!/usr/bin/env node
// Runs the built CLI (dist/node, made by `npm run build`, which `npm ci` runs): no transpiler at run time.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/node/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('rempart: the CLI is not built; run `npm run build` (npm ci does it) [cli.not_built]\n');
  process.exit(1);
}
const { main } = await import(cli);
await main(process.argv);
