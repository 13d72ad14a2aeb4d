// Builds the server and CLI into dist/node/ with esbuild: one ESM bundle per entry, split so that a
// command group's code is a chunk loaded only when its verb runs. node_modules stay external (they
// are installed beside the package). esbuild because it reads the sources as they are written
// (`.ts` import specifiers) in well under a second, so `npm ci`, `npm start` and the test suite
// can build every time without anyone noticing; tsc still checks the types (`npm run typecheck`).
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist/node');

// Pure-JavaScript packages made of many small ES modules (kysely ships ~400 files, zod ~150):
// Node's ESM loader resolves and compiles each one at every start, which cost a CLI verb about a
// third of a second. Bundled, they are a few chunks. Everything else stays external: native
// addons (better-sqlite3, argon2), packages that read their own files or spawn workers (pino,
// fastify and its plugins, faker's locales, mailauth), and large ones only some verbs load.
const BUNDLED = new Set(['kysely', 'zod', 'commander', 'cli-progress', 'csv-parse', 'tldts', 'tldts-core', 'fflate', 'marked', 'htmlparser2', 'gray-matter', 'stream-json', 'stream-chain', 'graphology', 'graphology-communities-louvain', 'graphology-components', 'postal-mime']);
const packageOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
const externals = {
  name: 'externals',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (a) => {
      if (a.path.startsWith('node:')) return { path: a.path, external: true };
      // A bundled package's own dependencies are bundled with it, resolved from where it is
      // installed (gray-matter needs its nested js-yaml 3, not the top-level js-yaml 4).
      if (a.importer.includes('/node_modules/')) return undefined;
      return BUNDLED.has(packageOf(a.path)) ? undefined : { path: a.path, external: true };
    });
  },
};

export async function buildNode({ quiet = false } = {}) {
  const t0 = performance.now();
  rmSync(out, { recursive: true, force: true });
  const r = await build({
    absWorkingDir: root,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    plugins: [externals],
    // CommonJS packages bundled into ES modules still call require() for Node's built-ins.
    banner: { js: "import { createRequire as __rempartRequire } from 'node:module'; const require = __rempartRequire(import.meta.url);" },
    sourcemap: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
    metafile: true,
  });
  // Marks the build so bin/rempart.js and `npm start` can tell a stale dist from a fresh one.
  writeFileSync(join(out, 'meta.json'), JSON.stringify(r.metafile));
  writeFileSync(join(out, 'BUILD'), `${new Date().toISOString()}\n`);
  if (!quiet) {
    const files = Object.keys(r.metafile.outputs).filter((f) => f.endsWith('.js')).length;
    process.stderr.write(`dist/node: ${files} files in ${Math.round(performance.now() - t0)} ms\n`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildNode();
