/**
 * Every live connector, one module per platform of the same shape (`types.ts`). Adding a
 * platform is adding a file and a line here.
 */
import { bluesky } from './bluesky.ts';
import { mastodon } from './mastodon.ts';
import { telegram } from './telegram.ts';
import type { ConnectorSpec, Platform } from './types.ts';
import { x } from './x.ts';
import { youtube } from './youtube.ts';

export const CONNECTORS: readonly ConnectorSpec[] = [bluesky, mastodon, x, telegram, youtube] as unknown as readonly ConnectorSpec[];

export const PLATFORMS = CONNECTORS.map((c) => c.platform) as readonly Platform[];

export function connectorSpec(platform: string): ConnectorSpec | undefined {
  return CONNECTORS.find((c) => c.platform === platform);
}

export type { ConnectorSpec, Platform, Cursor, Batch, RunContext, CredentialSpec } from './types.ts';
