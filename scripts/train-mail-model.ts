/**
 * Trains the content model from labelled mail: `npx tsx scripts/train-mail-model.ts [PHISH_DIR HAM_DIR]`
 * (default: the whole development corpus in ../shared/data/mail). Writes src/mail/model/content.json.
 * `npm run eval:mail` measures the same training by 5-fold cross-validation.
 * The shipped model is derived from phishing_pot (CC BY-NC 4.0): retrain on your own mail for commercial use.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDataDir } from '../src/core/shared-data.ts';
import { CONTENT_MODEL_FILE } from '../src/mail/content-model.ts';
import { triageContext } from '../src/mail/context.ts';
import { loadLabelledCorpus, trainOn } from '../src/mail/corpus.ts';

const shared = sharedDataDir();
const args = process.argv.slice(2);
if (args.length !== 2 && !shared) {
  console.error('usage: train-mail-model.ts PHISH_DIR HAM_DIR (../shared/data/mail absent)');
  process.exit(2);
}
const [phishDir, hamDir] = args.length === 2 ? args : [join(shared!, 'mail/phish-dev'), join(shared!, 'mail/ham-dev')];
// A neutral organisation: the corpus is not ours, so no staff or protected-domain rule may teach the model.
const ctx = { ...triageContext({ name: 'Organisation', protectedDomains: ['example.org'], partnerDomains: [], brandDomains: [], staff: [] }), contentModel: null };
const { messages, errors } = await loadLabelledCorpus(phishDir, hamDir);
const model = trainOn(messages, ctx, 'development corpus: phishing_pot (CC BY-NC 4.0, rf-peixoto) and SpamAssassin public corpus ham (public domain)');
writeFileSync(CONTENT_MODEL_FILE, JSON.stringify(model));
console.log(`content model: ${Object.keys(model.w).length} words from ${model.trainedOn.phish} phishing and ${model.trainedOn.ham} legitimate messages (${errors} unparseable) → ${CONTENT_MODEL_FILE}`);
