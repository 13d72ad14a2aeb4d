/** Reference lists the link and sender signals use. Kept short and explainable. */

export const FREEMAIL = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.fr', 'hotmail.com', 'hotmail.fr', 'outlook.com', 'outlook.fr', 'live.com', 'live.fr', 'msn.com', 'aol.com',
  'icloud.com', 'me.com', 'mail.com', 'gmx.com', 'gmx.fr', 'gmx.de', 'protonmail.com', 'proton.me', 'yandex.com', 'yandex.ru', 'mail.ru', 'orange.fr', 'wanadoo.fr',
  'free.fr', 'sfr.fr', 'laposte.net', 'zoho.com', 'tutanota.com', 'qq.com', '163.com', 'web.de',
]);

export const SHORTENERS = new Set([
  'bit.ly', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'buff.ly', 'rebrand.ly', 'cutt.ly', 'shorturl.at', 'rb.gy', 't.ly', 'tiny.cc', 'bl.ink', 'lnkd.in',
  's.id', 'v.gd', 'qr.ae', 'shorturl.ac', 'surl.li', 'u.to', 'clck.ru', 'x.gd', 'tr.ee', 'linktr.ee', 'bitly.com', 'short.gy', 'did.li', 'urlz.fr',
]);

/** Free hosting, site builders, file-sharing and form services that phishing pages live on. */
export const FREE_HOSTING_SUFFIXES = [
  'firebaseapp.com', 'web.app', 'pages.dev', 'workers.dev', 'r2.dev', 'netlify.app', 'vercel.app', 'herokuapp.com', 'glitch.me', 'repl.co', 'replit.app',
  'github.io', 'gitlab.io', 'weebly.com', 'wixsite.com', 'wix.com', 'square.site', 'webflow.io', '000webhostapp.com', '000webhost.com', 'blogspot.com',
  'sites.google.com', 'storage.googleapis.com', 'firebasestorage.googleapis.com', 'docs.google.com', 'forms.gle', 'forms.office.com', 'sharepoint.com',
  'azurewebsites.net', 'blob.core.windows.net', 'web.core.windows.net', 's3.amazonaws.com', 'amazonaws.com', 'cloudfront.net', 'ipfs.io', 'dweb.link',
  'ngrok.io', 'ngrok-free.app', 'trycloudflare.com', 'typeform.com', 'jotform.com', 'formspree.io', 'wufoo.com', 'surveymonkey.com', 'canva.site', 'my.canva.site',
  'notion.site', 'framer.website', 'godaddysites.com', 'yolasite.com', 'jimdosite.com', 'strikingly.com', 'carrd.co', 'mystrikingly.com', 'webcindario.com', 'ukit.me',
  'translate.goog', 'dropboxusercontent.com', 'wetransfer.com', 'we.tl', 'mediafire.com', 'filetransfer.io', 'pinata.cloud', 'fleek.co', 'backblazeb2.com', 'digitaloceanspaces.com',
];

/** Open redirectors: a known site that forwards to any address given in the query. */
export const REDIRECTOR_PATTERNS = [
  /(^|\.)google\.[a-z.]+$/, /(^|\.)bing\.com$/, /(^|\.)youtube\.com$/, /(^|\.)linkedin\.com$/, /(^|\.)facebook\.com$/, /(^|\.)doubleclick\.net$/, /(^|\.)safelinks\.protection\.outlook\.com$/, /(^|\.)urldefense\.(com|proofpoint\.com)$/,
];

/** Top-level domains with a high share of abuse in public phishing feeds. A weak signal alone. */
export const ABUSED_TLDS = new Set(['xyz', 'top', 'icu', 'click', 'link', 'zip', 'mov', 'cfd', 'sbs', 'buzz', 'rest', 'cyou', 'monster', 'quest', 'gq', 'ml', 'cf', 'tk', 'ga', 'bond', 'lol', 'shop', 'online', 'site', 'live', 'support', 'pw', 'ru', 'cn', 'best', 'work', 'digital', 'app', 'beauty', 'hair', 'autos', 'boats', 'skin', 'makeup', 'mom', 'yachts']);

/** Brand names as people write them, mapped to the domains that legitimately use them. */
export const BRAND_NAMES: Array<{ name: RegExp; label: string; domains: string[] }> = [
  { name: /\bmicrosoft\b|\boffice ?365\b|\bonedrive\b|\boutlook\b|\bsharepoint\b|\bteams\b/i, label: 'Microsoft', domains: ['microsoft.com', 'office.com', 'outlook.com', 'live.com', 'microsoftonline.com', 'sharepoint.com', 'office365.com', 'onmicrosoft.com', 'hotmail.com', 'skype.com', 'msn.com', 'onedrive.com'] },
  { name: /\bgoogle\b|\bgmail\b/i, label: 'Google', domains: ['google.com', 'gmail.com', 'googlemail.com', 'youtube.com', 'google.fr'] },
  { name: /\bapple\b|\bicloud\b|\bitunes\b|\bapple ?id\b/i, label: 'Apple', domains: ['apple.com', 'icloud.com', 'me.com'] },
  { name: /\bpaypal\b/i, label: 'PayPal', domains: ['paypal.com', 'paypal.fr'] },
  { name: /\bamazon\b|\bprime video\b/i, label: 'Amazon', domains: ['amazon.com', 'amazon.fr', 'amazon.de', 'amazon.co.uk', 'amazonses.com'] },
  { name: /\bnetflix\b/i, label: 'Netflix', domains: ['netflix.com'] },
  { name: /\bdhl\b/i, label: 'DHL', domains: ['dhl.com', 'dhl.fr', 'dhl.de'] },
  { name: /\bla poste\b|\bcolissimo\b|\bchronopost\b/i, label: 'La Poste', domains: ['laposte.fr', 'laposte.net', 'colissimo.fr', 'chronopost.fr'] },
  { name: /\bameli\b|\bassurance maladie\b/i, label: 'Ameli', domains: ['ameli.fr'] },
  { name: /\bimp[oô]ts\b|\bdgfip\b/i, label: 'impots.gouv.fr', domains: ['impots.gouv.fr', 'dgfip.finances.gouv.fr'] },
  { name: /\bdocusign\b/i, label: 'DocuSign', domains: ['docusign.com', 'docusign.net'] },
  { name: /\bdropbox\b/i, label: 'Dropbox', domains: ['dropbox.com'] },
  { name: /\bwetransfer\b/i, label: 'WeTransfer', domains: ['wetransfer.com'] },
  { name: /\bfacebook\b|\binstagram\b|\bmeta\b/i, label: 'Meta', domains: ['facebook.com', 'facebookmail.com', 'instagram.com', 'meta.com'] },
  { name: /\blinkedin\b/i, label: 'LinkedIn', domains: ['linkedin.com'] },
  { name: /\bwells fargo\b|\bchase\b|\bbank of america\b|\bcitibank\b/i, label: 'bank', domains: ['wellsfargo.com', 'chase.com', 'bankofamerica.com', 'citi.com'] },
  { name: /\bcr[ée]dit agricole\b|\bsoci[ée]t[ée] g[ée]n[ée]rale\b|\bbnp\b|\blcl\b|\bbanque postale\b|\bcaisse d.[ée]pargne\b/i, label: 'banque', domains: ['credit-agricole.fr', 'societegenerale.fr', 'bnpparibas.net', 'lcl.fr', 'labanquepostale.fr', 'caisse-epargne.fr'] },
  { name: /\bcoinbase\b|\bbinance\b|\bmetamask\b|\bledger\b|\btrust ?wallet\b/i, label: 'crypto', domains: ['coinbase.com', 'binance.com', 'metamask.io', 'ledger.com', 'trustwallet.com'] },
  { name: /\bnorton\b|\bmcafee\b|\bavast\b/i, label: 'antivirus', domains: ['norton.com', 'mcafee.com', 'avast.com'] },
  { name: /\bwebmail\b|\bmail ?admin\b|\bhelp ?desk\b|\bit support\b|\bsupport informatique\b/i, label: 'IT support', domains: [] },
];

export function registrable(host: string): string {
  const parts = host.split('.');
  if (parts.length <= 2) return host;
  const two = parts.slice(-2).join('.');
  // Common second-level public suffixes.
  if (/^(co|com|org|net|gov|ac|gouv)\.[a-z]{2}$/.test(two)) return parts.slice(-3).join('.');
  return two;
}

export function hostMatches(host: string, domains: Iterable<string>): boolean {
  for (const d of domains) if (host === d || host.endsWith(`.${d}`)) return true;
  return false;
}
