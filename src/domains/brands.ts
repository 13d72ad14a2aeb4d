/**
 * Brands phishing most often imitates, for French organisations and their staff: mail and cloud
 * providers, banks, the tax and benefits administrations, carriers, signature and transfer tools.
 * Domains only; the matcher derives the rest.
 */
export const BUILTIN_BRANDS: string[] = [
  'microsoft.com', 'office.com', 'outlook.com', 'live.com', 'microsoftonline.com', 'sharepoint.com', 'onedrive.com',
  'google.com', 'gmail.com', 'youtube.com', 'apple.com', 'icloud.com', 'amazon.fr', 'amazon.com', 'paypal.com',
  'facebook.com', 'instagram.com', 'whatsapp.com', 'linkedin.com', 'twitter.com', 'netflix.com', 'spotify.com',
  'dropbox.com', 'wetransfer.com', 'docusign.com', 'adobe.com', 'zoom.us', 'yahoo.com', 'proton.me', 'protonmail.com',
  'laposte.fr', 'laposte.net', 'labanquepostale.fr', 'colissimo.fr', 'chronopost.fr', 'dhl.com', 'ups.com', 'fedex.com', 'mondialrelay.fr',
  'impots.gouv.fr', 'ameli.fr', 'caf.fr', 'service-public.fr', 'franceconnect.gouv.fr', 'ants.gouv.fr', 'antai.gouv.fr', 'pole-emploi.fr', 'francetravail.fr', 'interieur.gouv.fr', 'gouv.fr',
  'credit-agricole.fr', 'bnpparibas.net', 'bnpparibas.com', 'societegenerale.fr', 'lcl.fr', 'boursorama.com', 'caisse-epargne.fr', 'banquepopulaire.fr', 'creditmutuel.fr', 'cic.fr', 'hellobank.fr', 'ing.fr', 'revolut.com', 'n26.com',
  'orange.fr', 'free.fr', 'sfr.fr', 'bouyguestelecom.fr', 'edf.fr', 'engie.fr', 'totalenergies.fr', 'sncf-connect.com', 'leboncoin.fr', 'cdiscount.com', 'vinted.fr',
];

/**
 * Real domains of brands that contain another brand's name or an affix; never reported. Mail from
 * these is the brand itself (microsoftonline.com is Microsoft's sign-in, not an imitation).
 */
export const BRAND_OWNED: string[] = [
  'microsoftonline.com', 'office365.com', 'onmicrosoft.com', 'msn.com', 'bing.com', 'skype.com', 'azure.com', 'windows.net', 'sharepointonline.com', 'microsoft365.com', 'outlook.fr', 'hotmail.com', 'hotmail.fr', 'live.fr',
  'googleusercontent.com', 'googlemail.com', 'gstatic.com', 'googleapis.com', 'google.fr', 'youtu.be', 'ggpht.com', 'googlesyndication.com', 'doubleclick.net', 'googletagmanager.com', 'google-analytics.com',
  'apple.fr', 'me.com', 'mac.com', 'icloud-content.com', 'amazonaws.com', 'amazon.de', 'amazon.co.uk', 'amazon.es', 'amazon.it', 'amazon.ca', 'media-amazon.com', 'ssl-images-amazon.com', 'paypal.fr', 'paypalobjects.com',
  'facebookmail.com', 'fbcdn.net', 'fb.com', 'linkedin.fr', 'licdn.com', 'twimg.com', 'x.com', 't.co', 'netflix.net', 'nflxext.com', 'dropboxusercontent.com', 'docusign.net', 'adobesign.com', 'adobelogin.com',
  'laposte.com', 'dhl.de', 'dhl.fr', 'ups.fr', 'fedex.fr', 'credit-agricole.com', 'ca-paris.fr', 'societegenerale.com', 'orange.com', 'orange-business.com', 'free-mobile.fr', 'sfr.com', 'edf.com', 'engie.com', 'sncf.com', 'sncf.fr',
];
