/**
 * Words and places that make a hostname carrying a brand name look like phishing rather than a
 * coincidence. Sources: phishing_catcher's suspicious.yaml (its keyword list and abused TLDs, the
 * floor we start from), the lure words of French campaigns seen in red.flag.domains and CERT
 * advisories (colis, remboursement, amende, messagerie), and the Public Suffix List's private
 * section completed with the free site builders attackers use that it does not list.
 */

/** Words attackers put before or after a real name: mail-en-marche.fr, onedrive-en-marche.fr. */
export const AFFIX_WORDS = [
  'mail', 'webmail', 'email', 'onedrive', 'drive', 'office', 'office365', 'o365', 'outlook', 'login', 'logon', 'signin', 'secure', 'securite', 'security',
  'compte', 'comptes', 'account', 'accounts', 'don', 'dons', 'donate', 'adherent', 'adherents', 'espace', 'mon', 'my', 'support', 'help', 'aide', 'verify',
  'verification', 'update', 'service', 'services', 'portal', 'portail', 'auth', 'sso', 'www', 'app', 'online', 'connect', 'connexion', 'info', 'infos',
  'contact', 'news', 'team', 'equipe', 'docs', 'share', 'partage', 'cloud', 'fichiers', 'files', 'vote', 'campagne', 'presse', 'press', 'official', 'officiel',
  'adherer', 'militant', 'benevole', 'elections', 'election', 'candidat', 'meeting', 'intranet', 'extranet', 'vpn', 'owa', 'teams', 'zoom', 'sharepoint',
];

/**
 * Phishing context: the words of a lure (sign in, verify, pay, track a parcel), in English and
 * French. A brand name next to one of these is an imitation far more often than a coincidence.
 */
export const LURE_WORDS = [
  // sign-in and account
  'login', 'log-in', 'logon', 'signin', 'sign-in', 'signon', 'auth', 'oauth', 'authentication', 'authenticate', 'authorize', 'sso', 'password', 'passwd', 'credential', 'credentials',
  'account', 'accounts', 'acount', 'acct', 'myaccount', 'id', 'ident', 'identity', 'identification', 'identifiant', 'connexion', 'connect', 'connection', 'seconnecter', 'compte', 'comptes', 'moncompte', 'espace', 'espaceclient', 'monespace', 'client', 'clients', 'customer', 'member', 'members', 'membership', 'user', 'users', 'profil', 'profile',
  // verification and security
  'verify', 'verified', 'verification', 'verif', 'verifier', 'validation', 'valider', 'validate', 'confirm', 'confirmation', 'confirmer', 'secure', 'secured', 'securite', 'security', 'securise', 'safe', 'safety', 'protect', 'protection', 'alert', 'alerte', 'alerts', 'unlock', 'unlocked', 'locked', 'blocked', 'bloque', 'suspend', 'suspended', 'suspension', 'recover', 'recovery', 'restore', 'reset', 'reactivate', 'reactivation', 'activation', 'activate', 'certif', 'certification', 'otp', '2fa', 'mfa', 'token', 'dsp2',
  // support and update
  'support', 'help', 'helpdesk', 'aide', 'assistance', 'service', 'services', 'servicesclient', 'serviceclient', 'update', 'updates', 'upgrade', 'maj', 'miseajour', 'renew', 'renewal', 'renouvellement', 'portal', 'portail', 'center', 'centre', 'desk', 'notice', 'notification', 'notifications', 'message', 'messages', 'messagerie', 'vocal', 'vocale', 'voicemail', 'webmail', 'mailbox', 'inbox', 'online', 'enligne', 'web', 'app', 'apps', 'mobile', 'info', 'infos', 'information',
  // money
  'billing', 'bill', 'invoice', 'invoices', 'facture', 'factures', 'facturation', 'payment', 'payments', 'paiement', 'paiements', 'pay', 'payer', 'refund', 'refunds', 'rembourse', 'remboursement', 'remboursements', 'remb', 'wallet', 'card', 'cards', 'carte', 'cartes', 'credit', 'debit', 'transfer', 'transfert', 'virement', 'deposit', 'transaction', 'transactions', 'purchase', 'order', 'orders', 'commande', 'banking', 'bank', 'banque', 'ebanking', 'netbanking', 'finance', 'tax', 'taxe', 'taxes', 'impot', 'amende', 'amendes', 'fine', 'fines', 'penalty', 'toll', 'tolls', 'peage', 'reward', 'rewards', 'gift', 'bonus', 'prime', 'cashback', 'offer', 'offre', 'gratuit', 'cadeau', 'remise',
  // parcels
  'colis', 'parcel', 'parcels', 'package', 'delivery', 'deliver', 'livraison', 'livrer', 'redelivery', 'tracking', 'track', 'tracker', 'trace', 'suivi', 'suivre', 'suivis', 'shipment', 'shipping', 'expedition', 'relais', 'post', 'postal', 'douane', 'customs',
  // documents and sharing
  'document', 'documents', 'doc', 'docs', 'file', 'files', 'fichier', 'fichiers', 'share', 'shared', 'partage', 'drive', 'cloud', 'storage', 'scan', 'fax', 'sign', 'signature', 'esign', 'contract', 'dossier', 'view', 'download', 'telechargement',
  // health and state
  'sante', 'sécu', 'secu', 'vitale', 'carte-vitale', 'mutuelle', 'attestation', 'gouv', 'gov', 'gouvernement', 'official', 'officiel', 'portal', 'rendezvous', 'rdv', 'cpf', 'formation',
  // mail providers words that come with a brand in lures
  'mail', 'email', 'e-mail', 'webscr', 'cgi-bin', 'cmd', 'ssl', 'https', 'my', 'mon', 'mes',
];

/**
 * Lure words too vague to count fully on their own: app, web, online, my are in countless
 * ordinary names. They add less than a sign-in or payment word.
 */
export const WEAK_LURE_WORDS = [
  'app', 'apps', 'web', 'mobile', 'online', 'enligne', 'info', 'infos', 'information', 'my', 'mon', 'mes', 'ma', 'service', 'services', 'center', 'centre', 'portal', 'portail', 'cloud', 'mail', 'email', 'e-mail', 'drive', 'share', 'shared', 'file', 'files', 'doc', 'docs',
  'view', 'download', 'prime', 'bonus', 'gift', 'offer', 'offre', 'reward', 'rewards', 'post', 'postal', 'track', 'tracker', 'trace', 'order', 'orders', 'finance', 'bank', 'banque', 'banking', 'card', 'cards', 'carte', 'cartes', 'credit', 'debit', 'pay', 'user', 'users', 'member', 'members',
  'client', 'clients', 'customer', 'message', 'messages', 'notice', 'desk', 'center', 'storage', 'scan', 'sign', 'signature', 'id', 'ident', 'formation', 'cpf', 'gouv', 'gov', 'official', 'officiel', 'safe', 'token', 'https', 'ssl', 'cmd', 'connect', 'connection', 'transfer', 'deposit', 'tax', 'taxe', 'taxes', 'toll', 'tolls',
];

/**
 * Suffixes where names are cheap and phishing concentrates (phishing_catcher's list, with the
 * newer ones of Spamhaus' and Interisle's yearly reports). A brand under one of these is more suspect.
 */
export const ABUSED_TLDS = [
  'ga', 'gq', 'ml', 'cf', 'tk', 'xyz', 'pw', 'cc', 'club', 'work', 'top', 'support', 'info', 'study', 'click', 'country', 'stream', 'gdn', 'mom', 'xin', 'kim', 'men', 'loan', 'download', 'racing', 'online', 'center', 'ren', 'win', 'review', 'vip', 'party', 'tech', 'science', 'business',
  'icu', 'cfd', 'sbs', 'buzz', 'rest', 'monster', 'cyou', 'bond', 'site', 'website', 'space', 'fun', 'best', 'quest', 'lol', 'life', 'live', 'today', 'link', 'shop', 'store', 'help', 'digital', 'services', 'world', 'host', 'cloud', 'app', 'dev', 'biz', 'ws', 'su', 'asia', 'one', 'pro', 'pics', 'hair', 'skin', 'beauty', 'makeup', 'autos', 'boats', 'homes', 'motorcycles', 'yachts', 'mobi', 'ink', 'wiki', 'network', 'email', 'run', 'cam', 'surf', 'uno', 'today', 'zip', 'mov', 'me',
];

/**
 * Shared hosting, site builders, tunnels and dynamic DNS whose customers pick the first label:
 * `chaseiq255.web.app` is anybody's. tldts already knows the PSL private section (web.app,
 * herokuapp.com, blogspot.com…); these are the platforms it does not list.
 */
export const HOSTING_PLATFORMS = [
  'weebly.com', 'weeblysite.com', '000webhostapp.com', 'godaddysites.com', 'jimdosite.com', 'jimdo.com', 'jimdofree.com', 'glitch.me', 'ipfs.io', 'dweb.link', 'site123.me', 'mystrikingly.com', 'strikingly.com', 'ukit.me', 'tilda.ws', 'webnode.page', 'webnode.fr', 'webnode.com',
  'wordpress.com', 'wixsite.com', 'editorx.io', 'wixstudio.io', 'carrd.co', 'notion.site', 'gitbook.io', 'ddns.net', 'hopto.org', 'zapto.org', 'sytes.net', 'servehttp.com', 'serveftp.com', 'myftp.biz', 'no-ip.org', 'no-ip.biz', 'freeddns.org', 'dynu.net', 'ngrok.io', 'ngrok-free.app', 'ngrok.app', 'trycloudflare.com', 'lovable.app',
  'replit.dev', 'replit.app', 'typedream.app', 'mobirise.site', 'webwave.me', 'yolasite.com', 'squarespace.com', 'myportfolio.com', 'wcomhost.com', 'webflow.io', 'framer.website', 'framer.app', 'framer.ai', 'surge.sh', 'start.page', 'canva.site', 'my.canva.site', 'bit.ly', 'linktr.ee', 'sites.google.com', 'firebaseapp.com', 'web.app',
  'blogspot.com', 'github.io', 'gitlab.io', 'netlify.app', 'vercel.app', 'pages.dev', 'workers.dev', 'r2.dev', 'herokuapp.com', 'azurewebsites.net', 'cloudfront.net', 'amplifyapp.com', 'onrender.com', 'fly.dev', 'railway.app', 'repl.co', 'square.site', 'business.site', 'hubspotpagebuilder.com', 'hs-sites.com', 'myshopify.com', 'duckdns.org', 'cloudns.nz', 'cloudns.ph', 'cloudns.be', 'cloudns.cc', 'freenom.com', 'beget.tech', 'temp.swtest.ru', 'sa.com', 'us.com', 'eu.com', 'de.com',
];
