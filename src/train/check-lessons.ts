/**
 * `npm run check:lessons [content-dir]`: validates every lesson and exercise file, and that each
 * exists in French and English. Exits non-zero with a message naming the broken file.
 */
import { loadTrainingContent } from './content.ts';
import { CONTENT_DIR } from './lessons.ts';

const root = process.argv[2] ?? CONTENT_DIR;
try {
  const { lessons, exercises } = loadTrainingContent(root);
  process.stdout.write(`ok: ${lessons.ids.length} lessons, ${exercises.byLang.fr.length} exercises in ${exercises.setIds.length} sets (${exercises.setIds.join(', ')}), fr and en\n`);
} catch (e) {
  process.stderr.write(`check:lessons: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
