import { cohashtag } from './cohashtag.ts';
import { colink } from './colink.ts';
import { corepost } from './corepost.ts';
import { coreply } from './coreply.ts';
import { cosimilar } from './cosimilar.ts';
import { cotext } from './cotext.ts';
import type { NetworkKind, NetworkType } from './types.ts';

/** Every network type, one module each. */
export const networkKinds: Record<NetworkType, NetworkKind> = { corepost, colink, coreply, cotext, cosimilar, cohashtag };
