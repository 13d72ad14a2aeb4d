// `npm start`: build the dashboard if it is missing or older than its sources, then serve.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const built = 'dist/web/index.html';
if (existsSync('web/index.html') && (!existsSync(built) || statSync(built).mtimeMs < newest('web'))) {
  process.stderr.write('Construction du tableau de bord… / Building the dashboard…\n');
  const r = spawnSync('npm', ['run', 'build:web', '--silent'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const r = spawnSync(process.execPath, ['bin/rempart.js', 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 0);
