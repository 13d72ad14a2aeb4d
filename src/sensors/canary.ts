/** What a canary URL answers: whatever the reader's software expects, so nothing looks odd. */

// 1×1 transparent GIF and PNG: what a remote image relationship in DOCX/XLSX or an HTML mail loads.
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export interface CanaryResponse {
  status: number;
  type: string;
  body: Buffer | string;
}

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The token of a canary path `/c/<words…>/<token>[.ext]`, or undefined for junk. Only the shape is
 * checked here; whether the token is a decoy's is the registry's answer.
 */
export function canaryToken(path: string): string | undefined {
  const clean = path.split(/[?#]/, 1)[0];
  if (clean.length > 400) return undefined;
  const last = clean.split('/').pop() ?? '';
  const token = last.replace(/\.(png|gif|jpg|jpeg|html?)$/i, '');
  return TOKEN.test(token) ? token : undefined;
}

/** A tiny image for image paths and image fetches; a small "document moved" page for a browser click. */
export function canaryResponse(path: string, accept: string | undefined, lang: 'fr' | 'en' = 'fr'): CanaryResponse {
  const ext = /\.(png|gif|jpg|jpeg)$/i.exec(path.split('?', 1)[0])?.[1]?.toLowerCase();
  if (ext === 'png') return { status: 200, type: 'image/png', body: PNG };
  if (ext) return { status: 200, type: 'image/gif', body: GIF };
  if (accept && /text\/html/.test(accept) && !/^image\//.test(accept)) {
    const [title, text] =
      lang === 'fr'
        ? ['Document indisponible', 'Ce document a été déplacé ou n’est plus partagé. Demandez un nouveau lien à la personne qui vous l’a envoyé.']
        : ['Document unavailable', 'This document was moved or is no longer shared. Ask the sender for a new link.'];
    return {
      status: 404,
      type: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title><style>body{font:15px system-ui,sans-serif;color:#333;margin:15vh auto;max-width:32rem;padding:0 1rem}</style></head><body><h1>${title}</h1><p>${text}</p></body></html>`,
    };
  }
  return { status: 200, type: 'image/gif', body: GIF };
}
