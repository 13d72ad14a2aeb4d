// `npm start`: build the server and the dashboard if missing or older than their sources, then serve.
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
const stale = (built, ...sources) => !existsSync(built) || statSync(built).mtimeMs < Math.max(...sources.filter((s) => existsSync(s)).map(newest));

function run(script, message) {
  process.stderr.write(message);
  const r = spawnSync('npm', ['run', script, '--silent'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (existsSync('src') && stale('dist/node/BUILD', 'src')) run('build:node', 'Construction du serveur… / Building the server…\n');
if (existsSync('web/index.html') && stale('dist/web/index.html', 'web')) run('build:web', 'Construction du tableau de bord… / Building the dashboard…\n');
const r = spawnSync(process.execPath, ['bin/rempart.js', 'serve', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 0);
