/**
 * Every signal Rempart raises on a message, its weight (points towards 100) and its explanation in
 * French and English. One table, read top to bottom, so an analyst can see why a score is what it is.
 * Weights were set from what each pattern means for an attacker, then checked against the labelled
 * development corpus (npm run eval:mail).
 */
export const SIGNALS = {
  // Authentication, as recorded by the receiving server (absence of these headers is not a signal).
  'auth.dmarc_fail': { weight: 25, fr: 'Le domaine de l’expéditeur ne confirme pas ce message (DMARC en échec).', en: 'The sender’s domain does not vouch for this message (DMARC failed).' },
  'auth.spf_fail': { weight: 12, fr: 'Le serveur d’envoi n’est pas autorisé par le domaine de l’expéditeur (SPF en échec).', en: 'The sending server is not authorised by the sender’s domain (SPF failed).' },
  'auth.dkim_fail': { weight: 10, fr: 'La signature DKIM du message est invalide.', en: 'The message’s DKIM signature is invalid.' },
  'auth.compauth_fail': { weight: 20, fr: 'Le serveur de réception a jugé l’authentification de l’expéditeur en échec.', en: 'The receiving server judged the sender’s authentication as failed.' },
  'auth.live_unavailable': { weight: 0, fr: 'La vérification en direct (SPF, DKIM, DMARC) n’a pas pu être faite.', en: 'The live check (SPF, DKIM, DMARC) could not be done.' },
  // Sender
  'sender.staff_impersonation': { weight: 45, fr: 'Le nom affiché est celui d’un membre de l’équipe, mais l’adresse est extérieure à l’organisation.', en: 'The display name is a staff member’s, but the address is outside the organisation.' },
  'sender.brand_in_name': { weight: 22, fr: 'Le nom affiché reprend une marque connue alors que l’adresse n’appartient pas à cette marque.', en: 'The display name uses a well-known brand while the address does not belong to it.' },
  'sender.org_name_in_name': { weight: 30, fr: 'Le nom affiché reprend le nom de l’organisation depuis un domaine extérieur.', en: 'The display name uses the organisation’s name from an outside domain.' },
  'sender.address_in_name': { weight: 18, fr: 'Le nom affiché contient une autre adresse e-mail que l’adresse réelle.', en: 'The display name contains an e-mail address other than the real one.' },
  'sender.reply_to_mismatch': { weight: 6, fr: 'Les réponses partiraient vers un autre domaine que celui de l’expéditeur.', en: 'Replies would go to a different domain than the sender’s.' },
  'sender.reply_to_freemail': { weight: 16, fr: 'Les réponses partiraient vers une messagerie gratuite.', en: 'Replies would go to a free webmail address.' },
  'sender.freemail_official': { weight: 14, fr: 'Un message d’apparence officielle envoyé depuis une messagerie gratuite.', en: 'An official-looking message sent from a free webmail address.' },
  'sender.lookalike_domain': { weight: 40, fr: 'L’adresse de l’expéditeur est sur un domaine sosie.', en: 'The sender’s address is on a lookalike domain.' },
  // Links
  'links.lookalike_domain': { weight: 35, fr: 'Un lien mène vers un domaine sosie.', en: 'A link leads to a lookalike domain.' },
  'links.text_href_mismatch': { weight: 22, fr: 'Le lien affiché ne correspond pas à sa vraie destination.', en: 'A link’s visible address differs from where it really goes.' },
  'links.ip_host': { weight: 22, fr: 'Un lien pointe vers une adresse IP au lieu d’un nom de domaine.', en: 'A link points to an IP address instead of a domain name.' },
  'links.punycode_host': { weight: 15, fr: 'Un lien utilise un nom de domaine en caractères internationaux (punycode).', en: 'A link uses an internationalised (punycode) domain name.' },
  'links.shortener': { weight: 10, fr: 'Un lien passe par un raccourcisseur qui masque sa destination.', en: 'A link goes through a URL shortener that hides its destination.' },
  'links.redirector': { weight: 12, fr: 'Un lien passe par un redirecteur vers un autre site.', en: 'A link goes through an open redirector to another site.' },
  'links.credential_path': { weight: 8, fr: 'Un lien mène vers une page de connexion ou de « vérification » hors des sites connus.', en: 'A link leads to a sign-in or “verification” page off known sites.' },
  'links.free_hosting': { weight: 20, fr: 'Un lien mène vers un hébergement gratuit ou un service de formulaires souvent utilisé par les attaquants.', en: 'A link leads to free hosting or a form service attackers often use.' },
  'links.data_uri': { weight: 25, fr: 'Un lien contient directement une page (URI data:).', en: 'A link embeds a page directly (data: URI).' },
  'links.brand_offsite': { weight: 18, fr: 'Le message parle d’une marque mais ses liens mènent ailleurs.', en: 'The message talks about a brand but its links go elsewhere.' },
  'links.suspicious_tld': { weight: 8, fr: 'Un lien mène vers une extension de domaine très utilisée pour l’hameçonnage.', en: 'A link leads to a top-level domain heavily used for phishing.' },
  'links.known_bad': { weight: 60, fr: 'Un lien mène vers un domaine connu comme malveillant (renseignement).', en: 'A link leads to a domain known as malicious (threat intelligence).' },
  // HTML
  'html.password_form': { weight: 35, fr: 'Le message contient un formulaire demandant un mot de passe.', en: 'The message contains a form asking for a password.' },
  'html.form': { weight: 8, fr: 'Le message contient un formulaire.', en: 'The message contains a form.' },
  'html.hidden_text': { weight: 10, fr: 'Le message contient du texte caché au lecteur.', en: 'The message contains text hidden from the reader.' },
  'html.script': { weight: 15, fr: 'Le message contient du code JavaScript.', en: 'The message contains JavaScript code.' },
  'html.embedded_page': { weight: 20, fr: 'Le message embarque une page web encodée.', en: 'The message embeds an encoded web page.' },
  'html.image_only': { weight: 12, fr: 'Le message n’est qu’une image cliquable, sans texte lisible.', en: 'The message is only a clickable image, with no readable text.' },
  // Attachments (identified by content, not by name)
  'attachments.executable': { weight: 60, fr: 'Une pièce jointe est un programme ou un script.', en: 'An attachment is a program or a script.' },
  'attachments.double_extension': { weight: 35, fr: 'Une pièce jointe cache sa vraie extension (double extension).', en: 'An attachment hides its real extension (double extension).' },
  'attachments.office_macro': { weight: 40, fr: 'Un document Office contient des macros.', en: 'An Office document contains macros.' },
  'attachments.macro_autoexec': { weight: 25, fr: 'Les macros se lancent automatiquement à l’ouverture.', en: 'The macros run automatically on opening.' },
  'attachments.rtf_object': { weight: 45, fr: 'Un document RTF embarque un objet (technique CVE-2017-0199 utilisée par APT28).', en: 'An RTF document embeds an object (the CVE-2017-0199 technique APT28 used).' },
  'attachments.pdf_active': { weight: 30, fr: 'Un PDF contient du code ou des actions automatiques.', en: 'A PDF contains code or automatic actions.' },
  'attachments.html_form': { weight: 40, fr: 'Une pièce jointe HTML contient un formulaire de connexion.', en: 'An HTML attachment contains a sign-in form.' },
  'attachments.html': { weight: 18, fr: 'Une pièce jointe est une page web.', en: 'An attachment is a web page.' },
  'attachments.encrypted_archive': { weight: 35, fr: 'Une archive chiffrée empêche l’analyse de son contenu.', en: 'An encrypted archive prevents scanning its content.' },
  'attachments.nested_archive': { weight: 20, fr: 'Une archive contient une autre archive.', en: 'An archive contains another archive.' },
  'attachments.archive_bomb': { weight: 30, fr: 'Une archive dépasse les limites de décompression (bombe de décompression).', en: 'An archive exceeds decompression limits (archive bomb).' },
  'attachments.mobileconfig': { weight: 45, fr: 'Une pièce jointe installe un profil de configuration Apple.', en: 'An attachment installs an Apple configuration profile.' },
  'attachments.disk_image': { weight: 40, fr: 'Une pièce jointe est une image disque (ISO/IMG), souvent utilisée pour contourner les protections.', en: 'An attachment is a disk image (ISO/IMG), often used to bypass protections.' },
  'attachments.known_bad': { weight: 70, fr: 'Une pièce jointe est un fichier connu comme malveillant (renseignement).', en: 'An attachment is a file known as malicious (threat intelligence).' },
  // Learned content model (logistic regression over words and fired rules; src/mail/content-model.ts).
  // Strong from p ≥ 0.95, likely from p ≥ 0.6, legitimate below p ≤ 0.1 (CONTENT_TIERS in verdict.ts).
  'content.model_strong': { weight: 40, fr: 'Le vocabulaire du message est très typique de l’hameçonnage et des escroqueries.', en: 'The message’s wording is very typical of phishing and scams.' },
  'content.model_likely': { weight: 30, fr: 'Le vocabulaire du message ressemble à celui de l’hameçonnage.', en: 'The message’s wording resembles phishing.' },
  'content.shape_strong': { weight: 40, fr: 'Pris ensemble, les signes techniques du message (liens, expéditeur, mise en forme) sont très typiques de l’hameçonnage ; sa formulation n’est pas jugée dans cette langue.', en: 'Taken together, the message’s technical signs (links, sender, layout) are very typical of phishing; its wording is not judged in this language.' },
  'content.shape_likely': { weight: 30, fr: 'Pris ensemble, les signes techniques du message ressemblent à ceux de l’hameçonnage ; sa formulation n’est pas jugée dans cette langue.', en: 'Taken together, the message’s technical signs resemble phishing; its wording is not judged in this language.' },
  'content.model_legit': { weight: -20, fr: 'Le vocabulaire du message ressemble à du courrier légitime.', en: 'The message’s wording resembles legitimate mail.' },
  // Language lures
  'language.urgency': { weight: 10, fr: 'Le message presse d’agir immédiatement.', en: 'The message pressures you to act immediately.' },
  'language.credentials': { weight: 14, fr: 'Le message demande de confirmer un compte ou un mot de passe.', en: 'The message asks you to confirm an account or a password.' },
  'language.payment': { weight: 10, fr: 'Le message parle de paiement, de facture ou de remboursement.', en: 'The message talks about a payment, an invoice or a refund.' },
  'language.security_alert': { weight: 12, fr: 'Le message se présente comme une alerte de sécurité.', en: 'The message presents itself as a security alert.' },
  'language.account_threat': { weight: 12, fr: 'Le message menace de suspendre ou de fermer un compte.', en: 'The message threatens to suspend or close an account.' },
  'language.open_attachment': { weight: 12, fr: 'Le message insiste pour faire ouvrir ou télécharger une pièce jointe.', en: 'The message insists that you open or download an attachment.' },
  'language.mixed_script': { weight: 25, fr: 'Des mots mélangent des lettres de deux alphabets (lettres sosies), une ruse pour tromper les filtres.', en: 'Words mix letters from two alphabets (lookalike letters), a trick to fool filters.' },
  'language.advance_fee': { weight: 25, fr: 'Le message ressemble à une escroquerie à l’avance de frais (héritage, fonds, bénéficiaire).', en: 'The message looks like an advance-fee fraud (inheritance, funds, beneficiary).' },
  'language.crypto': { weight: 18, fr: 'Le message promet des gains en cryptomonnaie.', en: 'The message promises cryptocurrency gains.' },
  'language.adult': { weight: 16, fr: 'Le message propose des rencontres ou du contenu pour adultes.', en: 'The message offers dating or adult content.' },
  'language.prize': { weight: 10, fr: 'Le message promet un gain, un cadeau ou une récompense.', en: 'The message promises a prize, a gift or a reward.' },
} as const satisfies Record<string, { weight: number; fr: string; en: string }>;

export type SignalId = keyof typeof SIGNALS;

/** Score thresholds for the verdict. */
export const THRESHOLDS = { malicious: 60, suspicious: 30 } as const;
