/**
 * Tests run the shipped CLI (bin/rempart.js → dist/node) as subprocesses, so the bundle is rebuilt
 * from the sources under test first: a test never passes on a stale build (esbuild, under a second).
 */
export default async function setup(): Promise<void> {
  // @ts-expect-error: a plain ESM build script, no type declarations
  const { buildNode } = (await import('../scripts/build.mjs')) as { buildNode: (o: { quiet: boolean }) => Promise<void> };
  await buildNode({ quiet: true });
}
