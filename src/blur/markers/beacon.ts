import type { EncodeContext, Extracted, MarkerModule, Observation } from './types.ts';
import { mac } from './keys.ts';

/** Path words look like an ordinary asset server; none says "track" or "canary". */
const pathWords = ['static', 'img', 'assets', 'media', 'images', 'res', 'files', 'content', 'logo', 'banners', 'news', 'public', 'cdn', 'uploads', 'v2', 'theme', 'header', 'partage', 'docs', 'photos', 'charte', 'visuels', 'lettre', 'edition'];
const extensions = ['', '.png', '.gif', '.jpg'];

/*
 * Where each format fires: DOCX (remote image relationship, TargetMode="External") is fetched when
 * Word or LibreOffice renders the page, tested with LibreOffice headless; HTML mail fires when the
 * client loads remote images; XLSX carries a hyperlink and PDF a link annotation, which fire only
 * when clicked (Excel and PDF readers do not fetch remote content on open); the URL in the text
 * also identifies the file offline.
 */

/** Beacon URLs on the canary endpoint: `<publicUrl>/c/<1-3 words>/<22-char token>[.ext]`. */
export const BEACON_PATH = /\/c\/(?:[a-z0-9-]{1,20}\/){1,3}([A-Za-z0-9_-]{22})(?:\.(?:png|gif|jpg))?(?=$|[?#"'<>\s)])/g;

/** The token in a canary request path, or undefined (for the sensors' endpoint). */
export function parseBeaconPath(path: string): string | undefined {
  BEACON_PATH.lastIndex = 0;
  const m = BEACON_PATH.exec(path.startsWith('/') ? path : `/${path}`);
  return m?.[1];
}

export interface BeaconPayload {
  token: string;
  url: string;
}

export const beacon: MarkerModule<BeaconPayload> = {
  kind: 'beacon',
  describe: 'URL unique et non devinable sur le point canari, chargée à l’ouverture (image distante DOCX/XLSX, image HTML) ou au clic (lien PDF) / unguessable canary URL fetched on open or click',
  encode(ctx: EncodeContext) {
    // 128 bits from the registry key: not guessable from the seed or from other tokens.
    const token = mac(ctx.key, 'beacon', ctx.artifactId).subarray(0, 16).toString('base64url');
    const words = ctx.rng.sample(pathWords, ctx.rng.int(1, 3));
    const url = `${ctx.publicUrl.replace(/\/+$/, '')}/c/${words.join('/')}/${token}${ctx.rng.pick(extensions)}`;
    return { token, url, register: [{ kind: 'beacon', value: token, detail: url }] };
  },
  decode(x: Extracted): Observation[] {
    const out = new Map<string, Observation>();
    for (const s of [...x.urls, x.text, ...x.meta]) {
      BEACON_PATH.lastIndex = 0;
      for (const m of s.matchAll(BEACON_PATH)) out.set(m[1], { kind: 'beacon', value: m[1], detail: 'URL de balise / beacon URL' });
    }
    return [...out.values()];
  },
};
