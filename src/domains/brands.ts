/**
 * The brands phishing imitates, as a brand model rather than a list of domains: each brand has
 * the words that name it (not only its domain label: colissimo for La Poste, sharepoint for
 * Microsoft, cartevitale for the Assurance Maladie), the registrable domains it owns (official
 * names, ccTLD variants, CDNs and sign-in hosts), and whether its name is an ordinary word
 * (orange, free, live, chase, apple) that only counts with phishing context around it.
 * Chosen for French organisations and their staff: mail and cloud providers, banks, the tax and
 * benefits administrations, carriers, signature and transfer tools, and the brands most imitated
 * worldwide (APWG and vendors' yearly "most impersonated brands" reports).
 */
export interface BrandSpec {
  /** Display name: "La Poste". */
  name: string;
  /** Registrable domains the brand owns; the first is the one a match names as imitated. */
  domains: string[];
  /** Other words that name the brand, as people read them in a hostname: "colissimo", "sharepoint". */
  aliases?: string[];
  /** The main name is an ordinary word (orange, free, live): it needs phishing context to count. */
  common?: boolean;
  /** Aliases that are ordinary words too ("office", "outlook"): same rule as `common`, per word. */
  commonAliases?: string[];
  /**
   * The brand holds its name under country-code suffixes (amazon.de, paypal.fr): a country
   * variant is its own, not a lookalike. Off for the organisation's own domains, whose ccTLD
   * variants are exactly what an attacker registers (en-marche.com).
   */
  ccTlds?: boolean;
  /** The organisation's own name (a protected domain with its aliases): judged by the rules for its own domains. */
  own?: boolean;
}

const b = (name: string, domains: string[], more: Omit<BrandSpec, 'name' | 'domains'> = {}): BrandSpec => ({ name, domains, ccTlds: true, ...more });

export const BUILTIN_BRAND_SPECS: BrandSpec[] = [
  // Mail, cloud, software
  b('Microsoft', ['microsoft.com', 'microsoftonline.com', 'office.com', 'office365.com', 'outlook.com', 'live.com', 'sharepoint.com', 'onedrive.com', 'onmicrosoft.com', 'msn.com', 'bing.com', 'skype.com', 'azure.com', 'windows.net', 'windows.com', 'microsoft365.com', 'hotmail.com', 'hotmail.fr', 'live.fr', 'outlook.fr', 'office.net', 'msft.net', 'msftauth.net', 'msauth.net', 'azureedge.net', 'azurefd.net', 'microsoftstore.com', 'xbox.com', 'xboxlive.com', 'visualstudio.com', 'sharepointonline.com', 'msecnd.net', 'aka.ms', 'sfx.ms', 'cloud.microsoft', 'static.microsoft', 'microsoftpersonalcontent.com', 'officelive.com', 'microsoftonline.us', 'microsoftonline.cn', 'microsoftonline-p.com', 'microsoftonline-p.net', 's-microsoft.com', 'microsoftazuread-sso.com', 'microsoftapp.net', 'office365.us', 'office365-net.us', 'office365-net.cn', 'live.net', 'windowsupdate.com', 'msedge.net', 'microsoft.us', 'msidentity.com', 'msftconnecttest.com', 'msftncsi.com'], {
    aliases: ['office365', 'o365', 'sharepoint', 'onedrive', 'outlook', 'hotmail', 'microsoftonline', 'msonline', 'microsoft365', 'office', 'live', 'skype', 'teams', 'owa', 'msoffice', 'azure'],
    commonAliases: ['office', 'live', 'teams', 'owa', 'outlook', 'azure', 'skype'],
  }),
  b('Google', ['google.com', 'gmail.com', 'youtube.com', 'googleusercontent.com', 'googlemail.com', 'gstatic.com', 'googleapis.com', 'youtu.be', 'ggpht.com', 'googlesyndication.com', 'doubleclick.net', 'googletagmanager.com', 'google-analytics.com', 'googleadservices.com', 'youtube-nocookie.com', 'ytimg.com', 'googlevideo.com', 'withgoogle.com', 'googledomains.com', 'googleblog.com', 'android.com', 'blogger.com', 'appspot.com', 'googletagservices.com', 'gvt1.com', 'gvt2.com', 'goo.gl', 'g.co', 'g.page', 'forms.gle', 'googlezip.net', 'google.dev', 'chromium.org', 'chrome.com', 'googledrive.com', 'googleapps.com', 'googlesource.com', 'googleapis.cn', 'thinkwithgoogle.com', 'google.cn', 'googleusercontent.cn'], {
    aliases: ['gmail', 'youtube', 'googledrive', 'googledocs'],
    commonAliases: ['youtube'],
  }),
  b('Apple', ['apple.com', 'icloud.com', 'me.com', 'mac.com', 'icloud-content.com', 'apple-dns.net', 'aaplimg.com', 'cdn-apple.com', 'mzstatic.com', 'itunes.com', 'apple.news', 'applemusic.com', 'appleid.com', 'safebrowsing.apple', 'apple-cloudkit.com', 'icloud-content.com.cn', 'apple.com.cn', 'icloud.com.cn', 'apple-mapkit.com'], {
    aliases: ['icloud', 'appleid', 'itunes', 'iforgot', 'applepay'],
    common: true,
  }),
  b('Amazon', ['amazon.com', 'amazon.fr', 'amazonaws.com', 'media-amazon.com', 'ssl-images-amazon.com', 'amazon-adsystem.com', 'amazonvideo.com', 'amazontrust.com', 'amazon.dev', 'amazonalexa.com', 'primevideo.com', 'amzn.to', 'amzn.com', 'a2z.com', 'aws.dev', 'awsglobalaccelerator.com', 'amazonpay.com', 'aiv-delivery.net', 'aiv-cdn.net', 'awswaf.com', 'on.aws', 'amazon-corp.com', 'images-amazon.com', 'payments-amazon.com', 'amazon-dss.com', 'aboutamazon.com', 'amazon.jobs', 'amazonworkspaces.com', 'amazoncognito.com'], {
    aliases: ['amzn', 'primevideo', 'amazonprime'],
  }),
  b('PayPal', ['paypal.com', 'paypal.fr', 'paypalobjects.com', 'paypal.me', 'paypal-community.com', 'paypal-business.com', 'paypalcorp.com', 'venmo.com', 'braintreegateway.com', 'xoom.com']),
  b('Meta', ['facebook.com', 'instagram.com', 'whatsapp.com', 'whatsapp.net', 'facebookmail.com', 'fbcdn.net', 'fb.com', 'fb.me', 'messenger.com', 'meta.com', 'cdninstagram.com', 'facebook.net', 'fbsbx.com', 'wa.me', 'threads.com', 'threads.net', 'oculus.com'], {
    aliases: ['facebook', 'instagram', 'whatsapp', 'messenger', 'fbook'],
    commonAliases: ['messenger'],
  }),
  b('LinkedIn', ['linkedin.com', 'linkedin.fr', 'licdn.com', 'lnkd.in']),
  b('X (Twitter)', ['twitter.com', 'x.com', 't.co', 'twimg.com', 'ads-twitter.com', 'twttr.com', 'periscope.tv'], { aliases: ['twitter'] }),
  b('Netflix', ['netflix.com', 'netflix.net', 'nflxext.com', 'nflximg.com', 'nflxvideo.net', 'nflxso.net', 'nflximg.net', 'fast.com', 'netflixstudios.com', 'netflixinvestor.com']),
  b('Spotify', ['spotify.com', 'scdn.co', 'spotifycdn.com', 'spotify.link', 'spoti.fi']),
  b('Dropbox', ['dropbox.com', 'dropboxusercontent.com', 'dropboxapi.com', 'db.tt', 'getdropbox.com', 'dropboxstatic.com', 'dropbox-dns.com']),
  b('WeTransfer', ['wetransfer.com', 'we.tl', 'wetransfer.net']),
  b('DocuSign', ['docusign.com', 'docusign.net', 'docusign.fr']),
  b('Adobe', ['adobe.com', 'adobesign.com', 'adobelogin.com', 'adobe.io', 'adobe.net', 'adobedtm.com', 'adobedc.net', 'typekit.net', 'behance.net', 'macromedia.com', 'acrobat.com', 'omtrdc.net', 'demdex.net']),
  b('Zoom', ['zoom.us', 'zoom.com', 'zoomgov.com'], { common: true }),
  b('Yahoo', ['yahoo.com', 'yahoo.fr', 'yahoo.co.jp', 'yimg.com', 'yahoodns.net', 'aol.com', 'yahoo.net', 'yahoo-net.jp', 'storage-yahoo.jp', 'yahooapis.jp']),
  b('Proton', ['proton.me', 'protonmail.com', 'protonmail.ch', 'protonvpn.com', 'protonvpn.ch', 'proton.ch', 'pm.me'], { aliases: ['protonmail', 'protonvpn'], common: true }),
  b('Coinbase', ['coinbase.com']),
  b('Binance', ['binance.com', 'binance.us', 'bnbstatic.com']),
  b('Steam', ['steampowered.com', 'steamcommunity.com', 'steamstatic.com', 'steamserver.net', 'steamcontent.com'], { aliases: ['steamcommunity', 'steampowered'] }),
  b('DHL', ['dhl.com', 'dhl.fr', 'dhl.de', 'dpdhl.com', 'dhlparcel.fr', 'dhl-news.com', 'dhlecommerce.com', 'dhl.co.uk']),
  b('UPS', ['ups.com', 'ups.fr', 'upsc.com', 'ups-mi.net'], { common: true }),
  b('FedEx', ['fedex.com', 'fedex.fr']),
  b('USPS', ['usps.com', 'usps.gov', 'uspis.gov', 'uspsoig.gov', 'informeddelivery.com']),
  b('Chronopost', ['chronopost.fr', 'chronopost.com']),
  b('Mondial Relay', ['mondialrelay.fr', 'mondialrelay.com']),
  b('DPD', ['dpd.fr', 'dpd.com', 'dpd.de', 'dpd.co.uk']),
  b('La Poste', ['laposte.fr', 'laposte.net', 'laposte.com', 'colissimo.fr', 'lapostegroupe.com', 'laposte.io', 'colissimo.com', 'lapostemobile.fr', 'ar24.fr', 'docapost.com'], { aliases: ['colissimo', 'lapostefr'] }),
  b('La Banque Postale', ['labanquepostale.fr', 'labanquepostale.com', 'labanquepostale-cartesprepayees.fr'], { aliases: ['banquepostale'] }),
  b('Impots.gouv', ['impots.gouv.fr'], { aliases: ['impot', 'dgfip', 'finances-publiques', 'tresorpublic', 'impotsgouv'] }),
  b('Assurance Maladie (ameli)', ['ameli.fr', 'assurance-maladie.fr', 'ameli-sophia.fr', 'ameli-direct.fr', 'monespacesante.fr'], { aliases: ['cartevitale', 'assurancemaladie', 'assurance-maladie', 'monespacesante'] }),
  b('CAF', ['caf.fr', 'mon-enfant.fr']),
  b('Service-Public', ['service-public.fr', 'service-public.gouv.fr']),
  b('FranceConnect', ['franceconnect.gouv.fr', 'franceconnect.fr']),
  b('ANTS', ['ants.gouv.fr'], { common: true }),
  b('ANTAI', ['antai.gouv.fr', 'amendes.gouv.fr'], { aliases: ['amendes-gouv'] }),
  b('France Travail', ['francetravail.fr', 'pole-emploi.fr', 'francetravail.org'], { aliases: ['poleemploi'] }),
  b('Crédit Agricole', ['credit-agricole.fr', 'credit-agricole.com', 'ca-paris.fr', 'credit-agricole.net', 'ca-cib.com', 'ca-centrest.fr', 'ca-nord-est.fr', 'ca-normandie.fr', 'ca-alpesprovence.fr', 'ca-sudrhonealpes.fr', 'ca-toulouse31.fr', 'ca-languedoc.fr', 'ca-aquitaine.fr', 'ca-bretagne.fr', 'ca-des-savoie.fr', 'ca-centreloire.fr', 'ca-cmds.fr', 'creditagricole.info'], { aliases: ['creditagricole', 'creditagricol'] }),
  b('BNP Paribas', ['bnpparibas.net', 'bnpparibas.com', 'bnpparibas.fr', 'mabanque.bnpparibas'], { aliases: ['bnpparibas', 'bnp'] }),
  b('Société Générale', ['societegenerale.fr', 'societegenerale.com', 'sg.fr', 'societegenerale.mobi'], { aliases: ['societegenerale', 'societe-generale'] }),
  b('LCL', ['lcl.fr', 'lcl.com']),
  b('Boursorama', ['boursorama.com', 'boursobank.com', 'boursorama-banque.com'], { aliases: ['boursobank'] }),
  b("Caisse d'Epargne", ['caisse-epargne.fr', 'caisse-epargne.com'], { aliases: ['caisseepargne', 'caissedepargne'] }),
  b('Banque Populaire', ['banquepopulaire.fr', 'banque-populaire.fr'], { aliases: ['banquepopulaire'] }),
  b('Crédit Mutuel', ['creditmutuel.fr', 'creditmutuel.com', 'cmcic.fr'], { aliases: ['creditmutuel'] }),
  b('CIC', ['cic.fr', 'cic.com']),
  b('Hello bank!', ['hellobank.fr', 'hellobank.be']),
  b('ING', ['ing.fr', 'ing.com', 'ing.de', 'ing.nl', 'ing.be'], { common: true }),
  b('Revolut', ['revolut.com', 'revolut.me', 'revolut.codes']),
  b('N26', ['n26.com']),
  b('Chase', ['chase.com', 'jpmorganchase.com', 'jpmorgan.com', 'chasecdn.com', 'chase.co.uk'], { common: true, aliases: ['jpmorgan', 'jpmorganchase'] }),
  b('Bank of America', ['bankofamerica.com', 'bofa.com', 'bac-assets.com', 'ml.com', 'merrilledge.com'], { aliases: ['bankofamerica'] }),
  b('Wells Fargo', ['wellsfargo.com', 'wf.com', 'wellsfargomedia.com'], { aliases: ['wellsfargo'] }),
  b('RBC Royal Bank', ['rbcroyalbank.com', 'rbc.com', 'royalbank.com', 'rbcbank.com', 'rbcinsurance.com', 'rbcgam.com', 'rbcdirectinvesting.com'], { aliases: ['royalbank', 'rbc'] }),
  b('Interac', ['interac.ca', 'interac.com']),
  b('American Express', ['americanexpress.com', 'amex.com', 'aexp.com', 'aexp-static.com'], { aliases: ['americanexpress', 'amex'] }),
  b('Orange', ['orange.fr', 'orange.com', 'orange-business.com', 'orange.es', 'orange.be', 'orange.pl', 'orange.ro', 'orange.sk', 'orange.jo', 'orange.ma', 'orange.sn', 'orange.tn', 'wanadoo.fr', 'orangeportails.net', 'sosh.fr', 'wanadoo-members.co.uk', 'orange-business.net'], { common: true, aliases: ['wanadoo'] }),
  b('Free', ['free.fr', 'free-mobile.fr', 'freebox.fr', 'proxad.net', 'free.org'], { common: true, aliases: ['freebox', 'freemobile'] }),
  b('SFR', ['sfr.fr', 'sfr.com', 'sfr.net', 'red-by-sfr.fr']),
  b('Bouygues Telecom', ['bouyguestelecom.fr', 'bouyguestelecom.com', 'bbox.fr'], { aliases: ['bouyguestelecom'] }),
  b('EDF', ['edf.fr', 'edf.com', 'edf-particuliers.fr']),
  b('Engie', ['engie.fr', 'engie.com']),
  b('TotalEnergies', ['totalenergies.fr', 'totalenergies.com', 'total.com', 'total.fr']),
  b('SNCF', ['sncf-connect.com', 'sncf.com', 'sncf.fr', 'oui.sncf', 'ouigo.com'], { aliases: ['sncf', 'sncfconnect', 'ouigo'] }),
  b('Leboncoin', ['leboncoin.fr', 'leboncoin.com', 'lbc.fr']),
  b('Cdiscount', ['cdiscount.com', 'cdiscount.fr']),
  b('Vinted', ['vinted.fr', 'vinted.com', 'vinted.net']),
  b('Booking.com', ['booking.com', 'bstatic.com'], { common: true }),
  b('Airbnb', ['airbnb.com', 'airbnb.fr', 'muscache.com']),
  b('eBay', ['ebay.com', 'ebay.fr', 'ebay.de', 'ebay.co.uk', 'ebaystatic.com', 'ebayimg.com']),
  b('Apple Pay / Venmo', ['venmo.com'], { aliases: ['venmo'] }),
  b('Telegram', ['telegram.org', 't.me', 'telegram.me', 'telegra.ph'], { common: true }),
  b('Roblox', ['roblox.com', 'rbxcdn.com']),
  b('Ledger', ['ledger.com'], { common: true }),
  b('MetaMask', ['metamask.io']),
  b('Santander', ['santander.com', 'santander.co.uk', 'santander.es', 'santanderbank.com']),
  b('HSBC', ['hsbc.com', 'hsbc.fr', 'hsbc.co.uk', 'hsbcnet.com']),
  b('Barclays', ['barclays.co.uk', 'barclays.com', 'barclaysus.com']),
  b('Mastercard', ['mastercard.com', 'mastercard.fr']),
  b('Visa', ['visa.com', 'visa.fr'], { common: true }),
];

/** Domains of every built-in brand (its first domain), as the list of watched brands is shown. */
export const BUILTIN_BRANDS: string[] = BUILTIN_BRAND_SPECS.map((s) => s.domains[0]);

/** Every registrable domain a built-in brand owns: never reported (microsoftonline.com is Microsoft's sign-in). */
export const BRAND_OWNED: string[] = BUILTIN_BRAND_SPECS.flatMap((s) => s.domains);
