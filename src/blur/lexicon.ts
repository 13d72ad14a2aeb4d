/**
 * Topic vocabularies and sentence parts for decoy mail and documents, French first. Patterns use
 * `[a|b]` alternatives and `{slot}` fillers (see compose.ts). Each topic knows which outside
 * contacts it involves and which documents it tends to attach.
 */
export type DocKind = 'budget' | 'minutes' | 'speech' | 'donors' | 'volunteers' | 'travel' | 'press' | 'memo';
export type ContactKind = 'printer' | 'venue' | 'press' | 'donor' | 'volunteer' | 'agency' | 'internal';

export interface Topic {
  id: string;
  contact: ContactKind;
  docs: DocKind[];
  subjects: { fr: string[]; en: string[] };
  objects: { fr: string[]; en: string[] };
}

export const topics: Topic[] = [
  {
    id: 'print',
    contact: 'printer',
    docs: ['budget', 'memo'],
    subjects: {
      fr: ['[Devis|Commande|BAT|Épreuves] [tracts|affiches|flyers|programmes] {city}', 'Impression [du programme|des affiches A2|des kakémonos|des cartes d’adhérent] – {day}', '[Livraison|Tirage] [{n} ex.|des tracts] pour {city}'],
      en: ['[Quote|Order|Proofs] for [leaflets|posters|programmes] {city}', 'Printing [the manifesto|A2 posters|roll-up banners] – {day}'],
    },
    objects: {
      fr: ['le devis pour les {n} tracts', 'les épreuves de l’affiche [A2|A3|4x3]', 'le BAT du programme [version {v}|définitif|corrigé]', 'la commande de {n} flyers [recto-verso|quadri|sur papier recyclé]', 'le calage des couleurs [du logo|de la couverture]', 'la livraison [à la permanence de {city}|au QG|au local de {city}]', 'le papier [couché 135 g|offset 90 g|recyclé 115 g]', 'les kakémonos pour [le meeting|la salle] de {city}', 'la facture pro forma n° {ref}', 'le tirage complémentaire pour {city}'],
      en: ['the quote for {n} leaflets', 'the A2 poster proofs', 'the programme proof [version {v}|final]', 'the order of {n} flyers', 'the delivery to the {city} office', 'the pro forma invoice {ref}'],
    },
  },
  {
    id: 'venue',
    contact: 'venue',
    docs: ['budget', 'travel', 'minutes'],
    subjects: {
      fr: ['[Réservation|Option|Visite technique] salle {city}', 'Meeting de {city} – [logistique|sécurité|jauge|sono]', '[Contrat|Convention] de mise à disposition – {place}'],
      en: ['[Booking|Hold|Site visit] – {place}', '{city} rally – [logistics|capacity|sound]'],
    },
    objects: {
      fr: ['la jauge [de la salle|du gymnase|de l’amphithéâtre] ({n} places)', 'l’option posée sur {place}', 'le plan de la scène [et des loges|côté jardin]', 'la convention de mise à disposition de {place}', 'le dispositif de sécurité [avec la préfecture|à l’entrée|des accès]', 'la sono et les écrans [prévus|loués] pour {city}', 'l’accès [des cars|des personnes à mobilité réduite|presse] à {place}', 'l’acompte de {amount} pour {place}', 'la visite technique [de {day}|prévue {day}]', 'le traiteur [pour les bénévoles|du cocktail]'],
      en: ['the capacity of {place} ({n} seats)', 'the hold on {place}', 'the stage plan', 'security at the entrance', 'the deposit of {amount} for {place}', 'the technical visit {day}'],
    },
  },
  {
    id: 'press',
    contact: 'press',
    docs: ['press', 'speech', 'memo'],
    subjects: {
      fr: ['Demande d’interview – {media}', '[Portrait|Reportage|Tribune] pour {media}', '[Point presse|Off] {day}', 'Accréditation {media} – {city}'],
      en: ['Interview request – {media}', '[Profile|Op-ed] for {media}', 'Press briefing {day}'],
    },
    objects: {
      fr: ['la demande d’interview de {media}', 'les accréditations [pour le meeting de {city}|de {media}]', 'les éléments de langage sur [le programme|la fiscalité|l’Europe|le numérique]', 'le [portrait|reportage] que prépare {media}', 'la tribune [relue|à relire] par {contact}', 'le point presse de {day}', 'la liste des journalistes [invités|accrédités] à {city}', 'les photos [libres de droits|du déplacement] pour {media}', 'le communiqué [sur {city}|de réaction|d’annonce]', 'le off avec {contact}'],
      en: ['the interview request from {media}', 'press passes for {city}', 'the talking points on [the programme|taxation|Europe]', 'the op-ed reviewed by {contact}', 'the press release on {city}'],
    },
  },
  {
    id: 'donors',
    contact: 'donor',
    docs: ['donors', 'budget'],
    subjects: {
      fr: ['[Don|Reçu fiscal|Virement] – {contact}', 'Dîner des donateurs {city}', '[Relance|Merci] [pour votre soutien|donateurs {city}]'],
      en: ['[Donation|Receipt|Transfer] – {contact}', 'Donor dinner {city}'],
    },
    objects: {
      fr: ['le reçu fiscal de {contact}', 'le virement de {amount} [reçu {day}|annoncé]', 'le plafond de 7 500 € [par personne|pour {contact}]', 'la liste des donateurs [de {city}|à relancer|du dîner]', 'le dîner [de levée de fonds|des donateurs] à {city}', 'le RIB [du compte de campagne|du mandataire financier]', 'le chèque de {amount} [à encaisser|reçu par courrier]', 'les promesses de dons [de {city}|en attente]', 'le tableau de suivi des dons [de {day}|mis à jour]'],
      en: ['the tax receipt for {contact}', 'the transfer of {amount}', 'the €7,500 ceiling', 'the donor list for {city}', 'the fundraising dinner in {city}'],
    },
  },
  {
    id: 'volunteers',
    contact: 'volunteer',
    docs: ['volunteers', 'travel', 'memo'],
    subjects: {
      fr: ['[Tractage|Porte-à-porte|Phoning] {city} – {day}', 'Bénévoles [{city}|du week-end|pour le meeting]', '[Planning|Équipes] [du samedi|de {day}]'],
      en: ['[Canvassing|Phone bank] {city} – {day}', 'Volunteers [{city}|for the rally]'],
    },
    objects: {
      fr: ['le planning du tractage [à {city}|de {day}]', 'les équipes de porte-à-porte [du quartier {district}|de {city}]', 'les badges des bénévoles [pour {city}|du meeting]', 'le fichier des bénévoles de {city}', 'la session de phoning [de {day}|du soir]', 'les t-shirts [taille {size}|pour les équipes]', 'le point de rendez-vous [place {square}|devant la mairie de {city}]', 'la formation des référents [de {city}|du {dept}]', 'le covoiturage [vers {city}|pour le meeting]'],
      en: ['the canvassing schedule in {city}', 'volunteer badges for {city}', 'the phone bank {day}', 'the meeting point in {city}', 'car-sharing to {city}'],
    },
  },
  {
    id: 'budget',
    contact: 'internal',
    docs: ['budget', 'memo', 'minutes'],
    subjects: {
      fr: ['Budget [{month}|meetings|déplacements|print] – [v{v}|à valider|révisé]', '[Arbitrages|Dépenses] {month}', 'Compte de campagne – [point|pièces] {month}'],
      en: ['Budget [{month}|rallies|travel] – [v{v}|to approve]', 'Spending {month}'],
    },
    objects: {
      fr: ['le budget [des meetings|des déplacements|print] de {month}', 'la ligne [« location de salles »|« impression »|« transport »|« numérique »]', 'le dépassement de {amount} sur [le poste transport|les salles|la com]', 'les pièces justificatives [de {month}|pour le mandataire]', 'l’arbitrage [demandé par {contact}|sur les salles]', 'le prévisionnel [révisé|de {month}|v{v}]', 'les notes de frais [de {contact}|en attente]', 'le plafond des dépenses [de campagne|légal]'],
      en: ['the [rally|travel] budget for {month}', 'the overspend of {amount}', 'the receipts for {month}', 'the revised forecast v{v}'],
    },
  },
  {
    id: 'travel',
    contact: 'agency',
    docs: ['travel', 'memo'],
    subjects: {
      fr: ['Déplacement {city} [{day}|– programme|– logistique]', '[Billets|Hôtel|Voiture] {city}', 'Visite [terrain|d’entreprise] à {city}'],
      en: ['Trip to {city} [{day}|– schedule]', '[Tickets|Hotel] {city}'],
    },
    objects: {
      fr: ['les billets [de train|d’avion] pour {city}', 'l’hôtel [à {city}|près de la gare]', 'le programme du déplacement [à {city}|de {day}]', 'la voiture [avec chauffeur|de location] à {city}', 'la visite [de l’usine|du marché|de l’hôpital] de {city}', 'le trajet retour [de {day}|par le train de {time}]', 'la délégation [de {n} personnes|réduite]', 'le repérage [à {city}|de {day}]'],
      en: ['the [train|plane] tickets to {city}', 'the hotel in {city}', 'the trip schedule for {day}', 'the site visit in {city}'],
    },
  },
  {
    id: 'speech',
    contact: 'internal',
    docs: ['speech', 'minutes'],
    subjects: {
      fr: ['Discours {city} – [v{v}|relecture|trame]', '[Éléments|Notes] pour [l’intervention|le discours] de {day}', 'Trame [meeting|débat] {city}'],
      en: ['Speech {city} – [v{v}|review]', 'Notes for the {day} speech'],
    },
    objects: {
      fr: ['la trame du discours de {city}', 'le passage sur [l’Europe|le travail|l’école|la sécurité|le numérique|l’agriculture]', 'la version {v} [du discours|de l’intervention]', 'les chiffres [sur le chômage|de l’INSEE|du programme] à vérifier', 'la conclusion [du discours|de {city}]', 'les anecdotes locales [sur {city}|du déplacement]', 'le minutage [de l’intervention|du meeting]'],
      en: ['the outline of the {city} speech', 'the passage on [Europe|jobs|schools]', 'version {v} of the speech', 'the figures to check'],
    },
  },
  {
    id: 'meeting',
    contact: 'internal',
    docs: ['minutes', 'memo'],
    subjects: {
      fr: ['[Réunion|Point|Comité] [{dept}|d’équipe|de pilotage] {day}', 'CR [réunion|comité] du {date}', 'Ordre du jour [{day}|du comité]'],
      en: ['[Meeting|Sync] {day}', 'Minutes of {date}'],
    },
    objects: {
      fr: ['l’ordre du jour [de {day}|du comité]', 'le compte rendu [de la réunion de {day}|du comité du {date}]', 'les actions [en retard|à suivre|de {contact}]', 'le point [hebdo|mensuel] [de l’équipe|{dept}]', 'les décisions [prises {day}|du comité]', 'le calendrier [des prochaines semaines|de {month}]', 'la répartition des [dossiers|circonscriptions|missions]'],
      en: ['the agenda for {day}', 'the minutes of {date}', 'the open actions', 'the calendar for {month}'],
    },
  },
];

/** Sentence parts. `{obj}` is a topic object; `{ask}` is a request in the right register. */
export const fr = {
  greetings: {
    tu: ['Salut {first},', 'Hello {first},', 'Coucou {first},', '{first},', 'Bonjour {first},', 'Re {first},', 'Hello,', 'Salut,'],
    vous: ['Bonjour {first},', 'Bonjour {title} {last},', 'Madame, Monsieur,', 'Bonjour,', 'Cher {first},', 'Bonsoir {first},', 'Bonjour à tous,'],
  },
  signoffs: {
    tu: ['Bises', 'A+', 'Merci !', 'Bonne journée', 'À tout à l’heure', 'Bon courage', 'Belle soirée', 'Merci d’avance', '++', 'Je t’embrasse'],
    vous: ['Bien à vous,', 'Cordialement,', 'Bien cordialement,', 'Très cordialement,', 'Avec mes remerciements,', 'Belle journée,', 'Je vous remercie,', 'Meilleures salutations,', 'Bonne fin de journée,'],
  },
  openers: [
    '[Je reviens vers [toi|vous]|Je [te|vous] recontacte|Petit message] [au sujet de|concernant|à propos de|pour] {obj}.',
    '[Suite à|Après] [notre échange|notre appel|la réunion|ton message|votre message] [de {day}|de ce matin|d’hier], [voici|je [te|vous] fais] un point sur {obj}.',
    '[Comme convenu|Ainsi que prévu|Comme promis], [je [te|vous] transmets|voici|ci-dessous] [le point sur|les éléments concernant|ce que j’ai sur] {obj}.',
    'J’ai [enfin|bien|rapidement] [regardé|repris|relu|avancé sur] {obj} [ce matin|hier soir|pendant le week-end|en rentrant de {city}].',
    '[On m’a|{contact} m’a] [signalé|demandé|relancé] [un souci|une question|un point] sur {obj}.',
    '[Petite question|Question rapide|Un point rapide] sur {obj} [avant {day}|avant la réunion|si [tu as|vous avez] deux minutes].',
    '[Je [te|vous] écris|J’écris] [pour|afin de] [caler|finaliser|débloquer|clarifier] {obj}.',
  ],
  middles: [
    '[Il [reste|manque] encore|Il faudrait [encore|aussi]] [valider|confirmer|vérifier|chiffrer] {obj2} [avant {day}|d’ici {day}|pour {day}|au plus vite].',
    '[De mon côté|Pour ma part|Côté {dept}], [j’ai|nous avons|on a] [déjà|presque|à moitié] [bouclé|traité|avancé sur|relancé] {obj2}.',
    '[{contact}|L’équipe de {city}|Le mandataire|La direction] [préfère|souhaiterait|propose|insiste pour] [qu’on décale|qu’on avance|qu’on revoie] {obj2} [à {day}|de quelques jours|après le meeting].',
    '[Le montant|Le total|La dernière estimation] [tourne autour de|est de|monte à|reste sous] {amount}, [ce qui [reste raisonnable|pose question|dépasse ce qu’on avait prévu]|à confirmer avec {contact}|hors TVA].',
    '[J’ai noté|Je note|On retient] [un créneau|un rendez-vous|un appel] [{day} à {time}|{day} vers {time}|à {time} {day}] [avec {contact}|à {place}|par téléphone|en visio].',
    '[Attention|Point de vigilance|À noter] : {obj2} [n’est pas encore|n’a pas été] [validé|signé|payé|envoyé|relu] [par {contact}|par la direction|côté {city}].',
    '[Le plus simple serait|Je propose|L’idée serait] de [regrouper|traiter|envoyer|faire valider] {obj2} [en une seule fois|avec le reste|d’ici {day}|lors du point de {day}].',
    '[On a eu|J’ai eu] [un retour|des nouvelles|une réponse] de {contact} [ce matin|hier|{day}] : [c’est plutôt bon|ça avance|c’est compliqué|il faut attendre encore un peu].',
    '[Pour mémoire|Pour rappel|Je rappelle que] {obj2} [doit|devait] [partir|être prêt|être bouclé] [avant {day}|pour {city}|le {date}].',
    '[Il y a|On compte] [environ|à peu près|près de|plus de] {n} [personnes|exemplaires|inscrits|contacts|participants] [pour {city}|à ce stade|sur la liste], [ce qui [change un peu la donne|nous laisse de la marge|est mieux que prévu]|à affiner].',
    '[Je [t’ai|vous ai] mis|J’ai mis|Tu trouveras|Vous trouverez] [en copie|dans la boucle] {contact} [qui suit|qui connaît bien|qui s’occupe de] {obj2}.',
    '[Les chiffres|Les dates|Les noms] [ne collent pas|ne correspondent pas|sont à revoir] [entre|dans] {obj2} [et le tableau de {month}|et ce que {contact} m’a envoyé], [je regarde|on vérifie|je creuse] [ça|cela] [demain|{day}|dans la journée].',
    '[Si besoin|Au besoin|En cas de souci], [mon portable|le numéro de {contact}|la permanence] : {phone}.',
  ],
  asks: {
    tu: ['[Tu peux|Est-ce que tu peux|Tu pourrais] [me dire|me confirmer|vérifier] [si ça te va|si c’est bon pour toi|ce que tu en penses] [d’ici {day}|avant {time}|rapidement] ?', '[Dis-moi|Tiens-moi au courant|Fais-moi signe] [si tu vois un souci|quand c’est bon|si tu as besoin de quelque chose].', '[Je compte sur toi pour|Merci de] [relire|valider|transmettre] [ça|le document] [avant {day}|dans la journée].', '[On en parle|On fait le point|On s’appelle] [{day}|à {time}|après le meeting] ?'],
    vous: ['[Pourriez-vous|Pouvez-vous|Seriez-vous en mesure de] [me confirmer|me faire savoir|vérifier] [si cela vous convient|vos disponibilités|les modalités] [d’ici {day}|avant {time}|dès que possible] ?', '[Je reste à votre disposition|Je me tiens à votre disposition|N’hésitez pas à me contacter] [pour tout complément|si besoin|pour en parler] [au {phone}|par téléphone|].', '[Merci de bien vouloir|Je vous remercie de] [me retourner|valider|compléter] [le document|ces éléments|la convention] [avant {day}|au plus tard {day}].', '[Serait-il possible de|Pourrions-nous] [fixer un appel|nous voir|échanger] [{day}|à {time} {day}|la semaine prochaine] ?'],
  },
  attachment: [
    '[Je [te|vous] joins|Ci-joint|En pièce jointe, [tu trouveras|vous trouverez]] {doc} [(version {v})|, à jour de ce matin|, pas encore définitif|].',
    '[Le fichier|Le document] {doc} [est en PJ|est joint|est attaché à ce message], [merci de ne pas le faire circuler|pour relecture|à garder pour nous|avec mes annotations].',
  ],
  replies: [
    '[Merci pour ton retour|Merci pour votre retour|Bien reçu|OK pour moi|Parfait|Entendu], [je regarde ça|je m’en occupe|je transmets|c’est noté] [{day}|dans la journée|tout de suite|demain matin].',
    '[D’accord sur le principe|Ça me va|Je suis d’accord] [pour|concernant] {obj2}, [mais|en revanche|sauf que] [il faudra|on devra] [en reparler|revoir le montant|prévenir {contact}].',
  ],
  forwardNotes: ['[Pour info|Pour info, à suivre|FYI|À toutes fins utiles], [voir ci-dessous|le message de {contact}|ce qui suit] [concernant|sur] {obj}.', '[Je [te|vous] transfère|Je transfère] [ce message|l’échange] [de {contact}|ci-dessous] [pour suite à donner|pour info|: peux-tu regarder ?].'],
  days: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'demain', 'après-demain', 'la semaine prochaine', 'lundi prochain', 'ce week-end', 'en fin de semaine', 'jeudi matin', 'vendredi après-midi', 'mardi soir'],
  months: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  media: ['Le Quotidien du Centre', 'Radio Horizon', 'L’Écho des Régions', 'Télé Métropole', 'La Gazette de l’Ouest', 'Info Continu', 'Le Courrier Éco', 'Hebdo Politique', 'France Actu', 'Le Petit Matin', 'La Voix du Sud', 'Nouvelles d’Alsace'],
  districts: ['centre', 'nord', 'des Gares', 'Saint-Michel', 'des Chartrons', 'Croix-Rousse', 'Belleville', 'Bastide', 'Vauban', 'du Port', 'Saint-Pierre', 'des Capucins'],
  squares: ['de la République', 'du Marché', 'Jean-Jaurès', 'de la Mairie', 'de la Liberté', 'Carnot', 'Gambetta', 'du 8-Mai'],
  sizes: ['S', 'M', 'L', 'XL'],
  titles: ['Madame', 'Monsieur'],
};

export const en = {
  greetings: { tu: ['Hi {first},', 'Hey {first},', '{first},', 'Hello {first},'], vous: ['Dear {first},', 'Dear {title} {last},', 'Hello {first},', 'Good morning,'] },
  signoffs: { tu: ['Cheers', 'Thanks!', 'Best', 'Talk soon', 'Speak later'], vous: ['Best regards,', 'Kind regards,', 'Many thanks,', 'Sincerely,', 'With thanks,'] },
  openers: [
    '[I am following up|Just a quick note|Writing] [about|regarding|on] {obj}.',
    '[Following|After] [our call|the meeting|your message] [on {day}|this morning|yesterday], [here is an update|a short update] on {obj}.',
    '[As agreed|As promised], [please find|here is] [the status of|what I have on] {obj}.',
    'I [finally|quickly] [went through|reviewed|worked on] {obj} [this morning|last night|on the train back from {city}].',
  ],
  middles: [
    '[We still need to|We should also] [confirm|check|price] {obj2} [before {day}|by {day}|as soon as possible].',
    '[On my side|For my part|On the {dept} side], [I have|we have] [already|almost] [wrapped up|handled|chased] {obj2}.',
    '[The amount|The total|The latest estimate] [is around|comes to|stays under] {amount}, [which [seems reasonable|raises questions|is above plan]|to be confirmed with {contact}].',
    '[I booked|I noted|We have] [a slot|a call|a meeting] [{day} at {time}|at {time} {day}] [with {contact}|at {place}|by phone].',
    '[Note|Heads-up]: {obj2} [has not been|is not yet] [approved|signed|paid|sent] [by {contact}|by management].',
    '[There are|We count] [about|roughly|more than] {n} [people|copies|sign-ups|contacts] [for {city}|so far], [which [gives us some room|changes things a bit]|to be refined].',
    '[If needed|In case of trouble], [my mobile|the office] is {phone}.',
    '[I copied|I looped in] {contact} [who follows|who handles] {obj2}.',
  ],
  asks: {
    tu: ['[Can you|Could you] [let me know|confirm] [if that works|what you think] [by {day}|before {time}]?', '[Ping me|Let me know] [if you see an issue|when it is done].', '[Shall we|Can we] [talk|sync] [{day}|at {time}]?'],
    vous: ['[Could you|Would you be able to] [confirm|let me know] [whether this suits you|your availability] [by {day}|at your earliest convenience]?', '[I remain available|Do not hesitate to contact me] [for any question|if needed] [at {phone}|].', '[Would it be possible to|Could we] [schedule a call|meet] [{day}|next week]?'],
  },
  attachment: ['[Please find attached|Attached is|I attach] {doc} [(version {v})|, updated this morning|, still a draft|].', 'The file {doc} is attached, [please do not circulate it|for review|with my comments].'],
  replies: ['[Thanks for your reply|Got it|Fine by me|Noted], [I will look into it|I am on it|I will pass it on] [{day}|today|right away].', '[Agreed in principle|Works for me] [on|regarding] {obj2}, [but|however] [we will need to|we must] [discuss it again|revisit the amount|warn {contact}].'],
  forwardNotes: ['[FYI|For your information], [see below|see the message from {contact}] [about|regarding] {obj}.', '[Forwarding|Passing on] [this message|the thread] [from {contact}|below] [for follow-up|FYI].'],
  days: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'tomorrow', 'next week', 'this weekend', 'Thursday morning', 'Friday afternoon'],
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  media: ['The Morning Ledger', 'Euro Wire', 'Capital Review', 'The Continental', 'Channel Eight News', 'Policy Weekly'],
  districts: ['centre', 'north', 'harbour', 'old town'],
  squares: ['Republic', 'Market', 'Station'],
  sizes: ['S', 'M', 'L', 'XL'],
  titles: ['Ms', 'Mr'],
};

/** Synonym pairs of the text watermark's second channel (see markers/watermark.ts): same meaning, either is natural. */
export const synonymPairs: Array<[string, string]> = [
  ['rapidement', 'vite'], ['réunion', 'rencontre'], ['document', 'fichier'], ['souci', 'problème'], ['environ', 'approximativement'],
  ['également', 'aussi'], ['montant', 'total'], ['retour', 'avis'], ['vérifier', 'contrôler'], ['valider', 'approuver'], ['relire', 'revoir'],
  ['prévu', 'programmé'], ['encore', 'toujours'], ['quickly', 'promptly'], ['meeting', 'session'],
  ['problem', 'issue'], ['also', 'too'], ['file', 'attachment'], ['check', 'verify'], ['approve', 'validate'], ['send', 'forward'],
]

/** Cities where a campaign travels (fictional venues are built on them). */
export const cities = ['Lyon', 'Marseille', 'Bordeaux', 'Lille', 'Nantes', 'Toulouse', 'Strasbourg', 'Rennes', 'Montpellier', 'Nice', 'Grenoble', 'Dijon', 'Clermont-Ferrand', 'Rouen', 'Tours', 'Angers', 'Metz', 'Nancy', 'Reims', 'Le Havre', 'Brest', 'Limoges', 'Poitiers', 'Pau', 'Besançon', 'Orléans', 'Caen', 'Amiens', 'Perpignan', 'Avignon', 'Arras', 'Quimper', 'Albi', 'Bayonne', 'Annecy', 'Chambéry', 'Valence', 'Nîmes', 'Troyes', 'La Rochelle'];
export const venueWords = ['Salle', 'Espace', 'Palais des congrès', 'Halle', 'Centre culturel', 'Gymnase', 'Auditorium', 'Théâtre', 'Parc des expositions', 'Maison des associations'];
