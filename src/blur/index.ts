/**
 * Decoys ("cyber-blurring"): public API. Sensors and leak forensics use the registry and decoders:
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
export { listDeployments, getDeployment, countArtifacts, type DeploymentRow, type ArtifactRow } from './repo.ts';
export { findCredential, findByBeacon, createDeployment, previewMailbox, readDecoyMessage, type CreateDeploymentInput } from './service.ts';
export { deployMailboxImap, parseImapUrl, type ImapTarget, type DeployResult } from './deploy-imap.ts';
export { Rng } from './random.ts';
