/**
 * Decoys ("cyber-blurring"): public API.
 *
 * Markers and what they survive (see markers/*.ts):
 * - beacon: `/c/<words>/<token>`; DOCX fetches on open (tested with LibreOffice), HTML mail when
 *   images load, XLSX/PDF on click. Survives renaming and re-zipping; not conversion to text.
 * - watermark: zero-width id+MAC (DOCX, XLSX, mail; not PDF standard fonts) and a word-choice
 *   channel (synonyms and apostrophes, ≥ 52 undamaged slots) that survives zero-width stripping,
 *   DOCX→PDF→text and retyping; registered only for files where it reads back.
 * - metadata: keyed code in document properties / PDF Keywords / Message-ID; lost to mat2.
 * - fact: invented donor name, amount with cents, phone, valid IBAN, unique in the kit.
 * - fingerprint: MinHash of 3-word shingles (quotes excluded), 16 LSH bands; confirmed at Jaccard ≥ 0.5. Sensors and leak forensics use the registry and decoders:
 * `identify` (file or text → candidate decoys with matched markers), `decodeAll` + `resolveObservations`
 * for batch scanners, `parseBeaconPath` for the canary endpoint, `passwordMac` + `findCredential`
 * for honey logins.
 */
export { generateKit, registerKit, type KitOptions, type KitResult, type KitManifest, type KitArtifact } from './kit.ts';
export { identify, resolveObservations, registryKey, FINGERPRINT_MATCH, type Candidate } from './registry.ts';
export { extract, MAX_INPUT_BYTES } from './extract.ts';
export { markerModules, decodeAll, parseBeaconPath, BEACON_PATH, type Extracted, type Observation, type MarkerKind } from './markers/index.ts';
export { passwordMac, honeyCredentials, type HoneyCredential } from './credentials.ts';
export { generatePersonas, generateContacts, inferAddressFormat, type Persona, type Contact } from './personas.ts';
export { listDeployments, getDeployment, countArtifacts, getArtifacts, listPersonas, artifactCounts, listDocuments, listCredentials, type DeploymentRow, type ArtifactRow } from './repo.ts';
export { findCredential, findByBeacon, createDeployment, previewMailbox, readDecoyMessage, type CreateDeploymentInput } from './service.ts';
export { deployMailboxImap, parseImapUrl, type ImapTarget, type DeployResult } from './deploy-imap.ts';
export { Rng } from './random.ts';
