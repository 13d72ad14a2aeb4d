import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

/** Dashboard strings, French first. Every key must exist in both catalogues (the type enforces it). */
const fr = {
  'app.name': 'Rempart',
  'app.tagline': 'Défense des organisations ciblées',
  'skip.toMain': 'Aller au contenu',
  'nav.label': 'Navigation principale',
  'nav.open': 'Ouvrir le menu',
  'nav.close': 'Fermer le menu',
  'nav.group.watch': 'Surveiller',
  'nav.group.defend': 'Protéger',
  'nav.group.prepare': 'Préparer',
  'nav.group.understand': 'Comprendre',
  'nav.group.admin': 'Administration',
  'nav.home': 'Situation',
  'nav.alerts': 'Alertes',
  'nav.mail': 'Courriels',
  'nav.domains': 'Domaines sosies',
  'nav.blur': 'Leurres',
  'nav.sensors': 'Capteurs',
  'nav.leaks': 'Fuites',
  'nav.drill': 'Exercices',
  'nav.train': 'Formation',
  'nav.watch': 'Veille',
  'nav.intel': 'Renseignement',
  'nav.organisation': 'Organisation',
  'nav.audit': 'Journal d’audit',
  'nav.users': 'Utilisateurs',
  'nav.settings': 'Mon compte',

  'lang.switch': 'English',
  'lang.switchLabel': 'Switch to English',
  'user.menu': 'Compte',
  'user.logout': 'Se déconnecter',
  'user.settings': 'Mon compte et jetons d’API',
  'role.admin': 'Administrateur',
  'role.analyst': 'Analyste',
  'role.viewer': 'Lecteur',

  'login.title': 'Connexion',
  'login.intro': 'Accès réservé à l’équipe. Toute connexion est inscrite au journal d’audit.',
  'login.username': 'Identifiant',
  'login.password': 'Mot de passe',
  'login.submit': 'Se connecter',
  'login.busy': 'Connexion…',
  'login.failed': 'Identifiant ou mot de passe incorrect.',
  'login.expired': 'Votre session a expiré : reconnectez-vous.',
  'login.firstStart': 'Premier démarrage : l’identifiant est « admin » et son mot de passe à usage unique a été affiché une fois dans la console du serveur.',

  'common.loading': 'Chargement…',
  'common.retry': 'Réessayer',
  'common.error': 'Erreur',
  'common.close': 'Fermer',
  'common.cancel': 'Annuler',
  'common.save': 'Enregistrer',
  'common.add': 'Ajouter',
  'common.remove': 'Retirer',
  'common.copy': 'Copier',
  'common.copied': 'Copié',
  'common.all': 'Toutes',
  'common.allMasc': 'Tous',
  'common.none': 'Aucun',
  'common.filter': 'Filtrer',
  'common.search': 'Rechercher',
  'common.loadMore': 'Afficher plus',
  'common.yes': 'oui',
  'common.no': 'non',
  'common.never': 'jamais',
  'common.notAllowed': 'Votre rôle ne donne pas accès à cette page.',
  'common.sortBy': 'Trier par {col}',
  'common.count': '{n} élément(s)',
  'common.shownOnce': 'Affiché une seule fois : copiez-le maintenant, il ne sera plus jamais montré.',

  'sev.critical': 'Critique',
  'sev.high': 'Élevée',
  'sev.medium': 'Moyenne',
  'sev.low': 'Faible',
  'sev.info': 'Info',

  'src.mail': 'Courriels',
  'src.domains': 'Domaines',
  'src.blur': 'Leurres',
  'src.sensors': 'Capteurs',
  'src.leaks': 'Fuites',
  'src.drill': 'Exercices',
  'src.train': 'Formation',
  'src.watch': 'Veille',
  'src.intel': 'Renseignement',
  'src.external': 'Externe',
  'src.system': 'Système',

  'home.title': 'Situation',
  'home.asOf': 'Point de situation du {date}',
  'home.protected': 'Domaines protégés',
  'home.staff': '{n} personnes suivies',
  'home.openAlerts': 'Alertes ouvertes',
  'home.last24h': 'Dernières 24 h',
  'home.total': 'Total',
  'home.chartTitle': 'Alertes par jour, 14 derniers jours',
  'home.chartDesc': '{total} alertes en 14 jours, maximum {max} en un jour',
  'home.recent': 'Dernières alertes ouvertes',
  'home.recentAll': 'Toutes les alertes',
  'home.noOpen': 'Aucune alerte ouverte. Les capacités actives lèveront ici toute alerte à traiter.',
  'home.capabilities': 'Capacités',
  'home.notActive': 'pas encore en service',
  'home.setup': 'Pour démarrer',
  'home.setup.staff': 'Importez l’annuaire du personnel (CSV) : il sert à repérer les usurpations d’identité.',
  'home.setup.domain': 'Ajoutez au moins un domaine protégé : celui de vos adresses et de votre site.',
  'home.setup.demo': 'Pour découvrir Rempart, chargez le scénario 2017 : npm run demo',
  'home.setup.go': 'Ouvrir Organisation',
  'home.allClear': 'Rien d’urgent',
  'home.needsAction': 'À traiter',

  'tile.alerts.open': 'Alertes ouvertes',
  'tile.org.staff': 'Personnes dans l’annuaire',
  'tile.drill.phishProne': 'Taux de clic au dernier exercice (%)',
  'tile.train.overdue': 'Leçons en retard',
  'tile.train.completion': 'Leçons terminées (%)',
  'tile.mail.malicious7d': 'Courriels malveillants (7 j)',
  'tile.domains.lookalikes30d': 'Domaines sosies repérés (30 j)',
  'tile.watch.posts': 'Publications suivies',
  'tile.watch.alerts': 'Alertes de veille (7 j)',
  'tile.blur.decoys': 'Leurres déployés',
  'tile.intel.indicators': 'Indicateurs de menace',
  'tile.intel.groups': 'Groupes d’attaquants connus',
  'tile.sensors.decoys_touched': 'Leurres touchés (30 j)',

  'alerts.title': 'Alertes',
  'alerts.intro': 'Toutes les alertes levées par les capacités, les plus récentes d’abord.',
  'alerts.severity': 'Gravité',
  'alerts.source': 'Source',
  'alerts.status': 'État',
  'alerts.status.all': 'Tous',
  'alerts.status.open': 'Ouvertes',
  'alerts.status.acknowledged': 'Prises en compte',
  'alerts.col.created': 'Levée',
  'alerts.col.title': 'Alerte',
  'alerts.open': 'Ouverte',
  'alerts.acked': 'Prise en compte',
  'alerts.ackedBy': 'Prise en compte par {who}, {date}',
  'alerts.ack': 'Prendre en compte',
  'alerts.acking': 'Enregistrement…',
  'alerts.details': 'Détails',
  'alerts.noDetails': 'Aucun détail.',
  'alerts.select': 'Choisissez une alerte pour voir ses détails.',
  'alerts.empty': 'Aucune alerte ne correspond à ces filtres.',
  'alerts.emptyAll': 'Aucune alerte pour l’instant. Elles apparaîtront ici dès qu’une capacité (courriels, domaines, capteurs…) détectera quelque chose.',
  'alerts.id': 'Identifiant',

  'audit.title': 'Journal d’audit',
  'audit.intro': 'Chaque changement d’état : qui, quoi, quand, d’où.',
  'audit.col.at': 'Date',
  'audit.col.actor': 'Acteur',
  'audit.col.action': 'Action',
  'audit.col.target': 'Cible',
  'audit.col.ip': 'Origine',
  'audit.col.details': 'Détails',
  'audit.filter': 'Filtrer par action (préfixe, ex. user.)',
  'audit.empty': 'Le journal est vide.',

  'users.title': 'Utilisateurs',
  'users.intro': 'Comptes d’accès au tableau de bord. Administrateur ⊃ analyste ⊃ lecteur.',
  'users.col.username': 'Identifiant',
  'users.col.name': 'Nom',
  'users.col.role': 'Rôle',
  'users.col.lastLogin': 'Dernière connexion',
  'users.col.state': 'État',
  'users.active': 'Actif',
  'users.disabled': 'Désactivé',
  'users.mustChange': 'mot de passe à changer',
  'users.disable': 'Désactiver',
  'users.enable': 'Réactiver',
  'users.reset': 'Nouveau mot de passe',
  'users.resetConfirm': 'Remplacer le mot de passe de {user} ? Ses sessions restent ouvertes jusqu’à expiration.',
  'users.you': 'vous',
  'users.create': 'Créer un utilisateur',
  'users.displayName': 'Nom affiché',
  'users.lang': 'Langue',
  'users.created': 'Compte {user} créé. Mot de passe à usage unique :',
  'users.resetDone': 'Nouveau mot de passe à usage unique de {user} :',

  'org.title': 'Organisation',
  'org.intro': 'Ce que Rempart protège : le nom, les domaines et l’annuaire du personnel.',
  'org.name': 'Nom de l’organisation',
  'org.unnamed': 'Organisation sans nom',
  'org.domains': 'Domaines',
  'org.domain': 'Domaine',
  'org.kind': 'Type',
  'org.kind.protected': 'Protégé',
  'org.kind.partner': 'Partenaire',
  'org.kind.brand': 'Marque',
  'org.label': 'Libellé',
  'org.addedAt': 'Ajouté le',
  'org.noDomains': 'Aucun domaine. Ajoutez le domaine de vos adresses électroniques : il sert à repérer les sosies et les usurpations.',
  'org.staff': 'Annuaire du personnel',
  'org.staffFilter': 'Filtrer par nom, adresse, pôle…',
  'org.col.name': 'Nom',
  'org.col.email': 'Adresse',
  'org.col.department': 'Pôle',
  'org.col.role': 'Fonction',
  'org.col.lang': 'Langue',
  'org.noStaff': 'L’annuaire est vide. Importez un fichier CSV avec au moins les colonnes nom et email.',
  'org.import': 'Importer un annuaire (CSV)',
  'org.importHelp': 'Colonnes reconnues : nom, email, pôle, fonction, langue, alias (séparateur virgule ou point-virgule). Une adresse déjà connue met la personne à jour.',
  'org.importPaste': 'Coller le CSV',
  'org.importFile': 'ou choisir un fichier',
  'org.importSubmit': 'Importer',
  'org.importResult': '{created} créée(s), {updated} mise(s) à jour, {errors} ligne(s) rejetée(s)',
  'org.importLine': 'ligne {line} : {message}',
  'org.fileTooLarge': 'Fichier trop volumineux (5 Mo au plus).',
  'org.removeConfirm': 'Retirer le domaine {domain} ?',
  'org.shown': '{shown} sur {total}',

  'settings.title': 'Mon compte',
  'settings.profile': 'Profil',
  'settings.password': 'Changer mon mot de passe',
  'settings.current': 'Mot de passe actuel',
  'settings.next': 'Nouveau mot de passe (12 caractères au moins)',
  'settings.passwordDone': 'Mot de passe changé.',
  'settings.mustChange': 'Votre mot de passe est à usage unique : choisissez-en un nouveau.',
  'settings.mustChangeLink': 'Changer maintenant',
  'tokens.title': 'Jetons d’API',
  'tokens.intro': 'Pour l’automatisation : en-tête Authorization: Bearer rmp_… Un jeton agit avec vos droits.',
  'tokens.name': 'Nom du jeton',
  'tokens.create': 'Créer un jeton',
  'tokens.created': 'Jeton « {name} » :',
  'tokens.col.prefix': 'Début',
  'tokens.col.created': 'Créé',
  'tokens.col.lastUsed': 'Dernier usage',
  'tokens.col.state': 'État',
  'tokens.revoked': 'Révoqué',
  'tokens.active': 'Actif',
  'tokens.revoke': 'Révoquer',
  'tokens.revokeConfirm': 'Révoquer le jeton « {name} » ? Les scripts qui l’utilisent cesseront de fonctionner.',
  'tokens.empty': 'Aucun jeton.',

  'soon.badge': 'En préparation',
  'soon.empty': 'Cette capacité n’est pas encore en service dans cette version. Rien à afficher pour l’instant.',
  'soon.mail': 'Tri des courriels suspects : les messages signalés par l’équipe ou relevés dans les boîtes sont analysés (expéditeur usurpé, domaine sosie, liens et pièces jointes piégés) et reçoivent un verdict expliqué.',
  'soon.domains': 'Surveillance des domaines sosies : les variantes de vos domaines (fautes de frappe, homoglyphes, préfixes comme « onedrive- ») sont générées et comparées aux nouveaux enregistrements.',
  'soon.blur': 'Leurres : boîtes aux lettres, personnes et documents fictifs mais crédibles, semés pour ralentir l’attaquant et signaler sa présence.',
  'soon.sensors': 'Capteurs : balises dans les documents, pages de connexion piégées et enregistrements DNS qui préviennent dès qu’un leurre est touché.',
  'soon.leaks': 'Fuites : analyse d’une archive publiée (métadonnées, leurres retrouvés, documents altérés) pour en établir la provenance et répondre vite.',
  'soon.drill': 'Exercices : campagnes d’hameçonnage simulé auprès de l’équipe, avec mesure des clics et des signalements.',
  'soon.train': 'Formation : leçons courtes et exercices pour apprendre à reconnaître et signaler les attaques.',
  'soon.watch': 'Veille : suivi des réseaux sociaux pour repérer les campagnes d’influence coordonnées (pics, comptes coordonnés, récits).',
  'soon.intel': 'Renseignement : indicateurs, import et export STIX/TAXII, et rapprochement des techniques observées avec les groupes connus.',

  'notFound.title': 'Page introuvable',
  'notFound.body': 'Cette adresse ne correspond à aucune page.',
  'notFound.home': 'Revenir à la situation',
  'error.network': 'Le serveur ne répond pas. Vérifiez la connexion.',
} as const;

export type MsgKey = keyof typeof fr;

const en: Record<MsgKey, string> = {
  'app.name': 'Rempart',
  'app.tagline': 'Defence for targeted organisations',
  'skip.toMain': 'Skip to content',
  'nav.label': 'Main navigation',
  'nav.open': 'Open menu',
  'nav.close': 'Close menu',
  'nav.group.watch': 'Monitor',
  'nav.group.defend': 'Protect',
  'nav.group.prepare': 'Prepare',
  'nav.group.understand': 'Understand',
  'nav.group.admin': 'Administration',
  'nav.home': 'Situation',
  'nav.alerts': 'Alerts',
  'nav.mail': 'Mail triage',
  'nav.domains': 'Lookalike domains',
  'nav.blur': 'Decoys',
  'nav.sensors': 'Sensors',
  'nav.leaks': 'Leaks',
  'nav.drill': 'Drills',
  'nav.train': 'Training',
  'nav.watch': 'Influence watch',
  'nav.intel': 'Intelligence',
  'nav.organisation': 'Organisation',
  'nav.audit': 'Audit log',
  'nav.users': 'Users',
  'nav.settings': 'My account',

  'lang.switch': 'Français',
  'lang.switchLabel': 'Passer en français',
  'user.menu': 'Account',
  'user.logout': 'Sign out',
  'user.settings': 'My account and API tokens',
  'role.admin': 'Administrator',
  'role.analyst': 'Analyst',
  'role.viewer': 'Viewer',

  'login.title': 'Sign in',
  'login.intro': 'Team access only. Every sign-in is written to the audit log.',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.busy': 'Signing in…',
  'login.failed': 'Wrong username or password.',
  'login.expired': 'Your session has expired: sign in again.',
  'login.firstStart': 'First start: the username is “admin” and its one-time password was printed once on the server console.',

  'common.loading': 'Loading…',
  'common.retry': 'Retry',
  'common.error': 'Error',
  'common.close': 'Close',
  'common.cancel': 'Cancel',
  'common.save': 'Save',
  'common.add': 'Add',
  'common.remove': 'Remove',
  'common.copy': 'Copy',
  'common.copied': 'Copied',
  'common.all': 'All',
  'common.allMasc': 'All',
  'common.none': 'None',
  'common.filter': 'Filter',
  'common.search': 'Search',
  'common.loadMore': 'Show more',
  'common.yes': 'yes',
  'common.no': 'no',
  'common.never': 'never',
  'common.notAllowed': 'Your role does not give access to this page.',
  'common.sortBy': 'Sort by {col}',
  'common.count': '{n} item(s)',
  'common.shownOnce': 'Shown once: copy it now, it will never be shown again.',

  'sev.critical': 'Critical',
  'sev.high': 'High',
  'sev.medium': 'Medium',
  'sev.low': 'Low',
  'sev.info': 'Info',

  'src.mail': 'Mail',
  'src.domains': 'Domains',
  'src.blur': 'Decoys',
  'src.sensors': 'Sensors',
  'src.leaks': 'Leaks',
  'src.drill': 'Drills',
  'src.train': 'Training',
  'src.watch': 'Watch',
  'src.intel': 'Intelligence',
  'src.external': 'External',
  'src.system': 'System',

  'home.title': 'Situation',
  'home.asOf': 'Situation report, {date}',
  'home.protected': 'Protected domains',
  'home.staff': '{n} people covered',
  'home.openAlerts': 'Open alerts',
  'home.last24h': 'Last 24 h',
  'home.total': 'Total',
  'home.chartTitle': 'Alerts per day, last 14 days',
  'home.chartDesc': '{total} alerts in 14 days, at most {max} in one day',
  'home.recent': 'Latest open alerts',
  'home.recentAll': 'All alerts',
  'home.noOpen': 'No open alert. Active capabilities will raise anything that needs handling here.',
  'home.capabilities': 'Capabilities',
  'home.notActive': 'not in service yet',
  'home.setup': 'Getting started',
  'home.setup.staff': 'Import the staff directory (CSV): it is how impersonation is spotted.',
  'home.setup.domain': 'Add at least one protected domain: the one of your addresses and website.',
  'home.setup.demo': 'To explore Rempart, load the 2017 scenario: npm run demo',
  'home.setup.go': 'Open Organisation',
  'home.allClear': 'Nothing urgent',
  'home.needsAction': 'Needs action',

  'tile.alerts.open': 'Open alerts',
  'tile.org.staff': 'People in the directory',
  'tile.drill.phishProne': 'Click rate, last drill (%)',
  'tile.train.overdue': 'Overdue lessons',
  'tile.train.completion': 'Lessons completed (%)',
  'tile.mail.malicious7d': 'Malicious e-mails (7 days)',
  'tile.domains.lookalikes30d': 'Lookalike domains seen (30 days)',
  'tile.watch.posts': 'Posts watched',
  'tile.watch.alerts': 'Watch alerts (7 days)',
  'tile.blur.decoys': 'Decoys deployed',
  'tile.intel.indicators': 'Threat indicators',
  'tile.intel.groups': 'Known threat actors',
  'tile.sensors.decoys_touched': 'Decoys touched (30 days)',

  'alerts.title': 'Alerts',
  'alerts.intro': 'Every alert raised by the capabilities, newest first.',
  'alerts.severity': 'Severity',
  'alerts.source': 'Source',
  'alerts.status': 'Status',
  'alerts.status.all': 'All',
  'alerts.status.open': 'Open',
  'alerts.status.acknowledged': 'Acknowledged',
  'alerts.col.created': 'Raised',
  'alerts.col.title': 'Alert',
  'alerts.open': 'Open',
  'alerts.acked': 'Acknowledged',
  'alerts.ackedBy': 'Acknowledged by {who}, {date}',
  'alerts.ack': 'Acknowledge',
  'alerts.acking': 'Saving…',
  'alerts.details': 'Details',
  'alerts.noDetails': 'No details.',
  'alerts.select': 'Pick an alert to see its details.',
  'alerts.empty': 'No alert matches these filters.',
  'alerts.emptyAll': 'No alerts yet. They will show here as soon as a capability (mail, domains, sensors…) detects something.',
  'alerts.id': 'Identifier',

  'audit.title': 'Audit log',
  'audit.intro': 'Every state change: who, what, when, from where.',
  'audit.col.at': 'Date',
  'audit.col.actor': 'Actor',
  'audit.col.action': 'Action',
  'audit.col.target': 'Target',
  'audit.col.ip': 'Origin',
  'audit.col.details': 'Details',
  'audit.filter': 'Filter by action (prefix, e.g. user.)',
  'audit.empty': 'The log is empty.',

  'users.title': 'Users',
  'users.intro': 'Dashboard accounts. Administrator ⊃ analyst ⊃ viewer.',
  'users.col.username': 'Username',
  'users.col.name': 'Name',
  'users.col.role': 'Role',
  'users.col.lastLogin': 'Last sign-in',
  'users.col.state': 'State',
  'users.active': 'Active',
  'users.disabled': 'Disabled',
  'users.mustChange': 'must change password',
  'users.disable': 'Disable',
  'users.enable': 'Enable',
  'users.reset': 'New password',
  'users.resetConfirm': 'Replace the password of {user}? Their sessions stay open until they expire.',
  'users.you': 'you',
  'users.create': 'Create a user',
  'users.displayName': 'Display name',
  'users.lang': 'Language',
  'users.created': 'Account {user} created. One-time password:',
  'users.resetDone': 'New one-time password for {user}:',

  'org.title': 'Organisation',
  'org.intro': 'What Rempart protects: the name, the domains and the staff directory.',
  'org.name': 'Organisation name',
  'org.unnamed': 'Unnamed organisation',
  'org.domains': 'Domains',
  'org.domain': 'Domain',
  'org.kind': 'Kind',
  'org.kind.protected': 'Protected',
  'org.kind.partner': 'Partner',
  'org.kind.brand': 'Brand',
  'org.label': 'Label',
  'org.addedAt': 'Added',
  'org.noDomains': 'No domain. Add the domain of your email addresses: it is how lookalikes and impersonation are spotted.',
  'org.staff': 'Staff directory',
  'org.staffFilter': 'Filter by name, address, team…',
  'org.col.name': 'Name',
  'org.col.email': 'Address',
  'org.col.department': 'Team',
  'org.col.role': 'Role',
  'org.col.lang': 'Language',
  'org.noStaff': 'The directory is empty. Import a CSV file with at least name and email columns.',
  'org.import': 'Import a directory (CSV)',
  'org.importHelp': 'Recognised columns: name, email, department, role, lang, aliases (comma or semicolon separated). A known address updates the person.',
  'org.importPaste': 'Paste the CSV',
  'org.importFile': 'or choose a file',
  'org.importSubmit': 'Import',
  'org.importResult': '{created} created, {updated} updated, {errors} line(s) rejected',
  'org.importLine': 'line {line}: {message}',
  'org.fileTooLarge': 'File too large (5 MB at most).',
  'org.removeConfirm': 'Remove the domain {domain}?',
  'org.shown': '{shown} of {total}',

  'settings.title': 'My account',
  'settings.profile': 'Profile',
  'settings.password': 'Change my password',
  'settings.current': 'Current password',
  'settings.next': 'New password (at least 12 characters)',
  'settings.passwordDone': 'Password changed.',
  'settings.mustChange': 'Your password is a one-time password: choose a new one.',
  'settings.mustChangeLink': 'Change it now',
  'tokens.title': 'API tokens',
  'tokens.intro': 'For automation: header Authorization: Bearer rmp_… A token acts with your rights.',
  'tokens.name': 'Token name',
  'tokens.create': 'Create a token',
  'tokens.created': 'Token “{name}”:',
  'tokens.col.prefix': 'Starts with',
  'tokens.col.created': 'Created',
  'tokens.col.lastUsed': 'Last used',
  'tokens.col.state': 'State',
  'tokens.revoked': 'Revoked',
  'tokens.active': 'Active',
  'tokens.revoke': 'Revoke',
  'tokens.revokeConfirm': 'Revoke the token “{name}”? Scripts using it will stop working.',
  'tokens.empty': 'No token.',

  'soon.badge': 'In preparation',
  'soon.empty': 'This capability is not in service in this version yet. Nothing to show for now.',
  'soon.mail': 'Suspicious mail triage: messages reported by the team or found in mailboxes are analysed (spoofed sender, lookalike domain, booby-trapped links and attachments) and get an explained verdict.',
  'soon.domains': 'Lookalike domain watch: variants of your domains (typos, homoglyphs, prefixes such as “onedrive-”) are generated and matched against new registrations.',
  'soon.blur': 'Decoys: fake but credible mailboxes, people and documents, planted to slow the attacker down and reveal their presence.',
  'soon.sensors': 'Sensors: beacons in documents, trapped login pages and DNS records that warn as soon as a decoy is touched.',
  'soon.leaks': 'Leaks: forensics of a published archive (metadata, planted decoys found, altered documents) to establish its provenance and answer fast.',
  'soon.drill': 'Drills: simulated phishing campaigns on the team, measuring clicks and reports.',
  'soon.train': 'Training: short lessons and exercises to learn to recognise and report attacks.',
  'soon.watch': 'Influence watch: social media monitoring to spot coordinated influence campaigns (bursts, coordinated accounts, narratives).',
  'soon.intel': 'Threat intelligence: indicators, STIX/TAXII import and export, and matching observed techniques with known groups.',

  'notFound.title': 'Page not found',
  'notFound.body': 'This address matches no page.',
  'notFound.home': 'Back to the situation',
  'error.network': 'The server does not answer. Check the connection.',
};

export type Lang = 'fr' | 'en';
const catalogues: Record<Lang, Record<MsgKey, string>> = { fr, en };
const STORAGE_KEY = 'rempart.lang';

/** Fills `{name}` placeholders. */
export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Translates a key; unknown keys (tile ids from a newer server, say) come back as the fallback. */
export function translate(lang: Lang, key: string, params?: Record<string, string | number>, fallback?: string): string {
  const msg = (catalogues[lang] as Record<string, string | undefined>)[key];
  return format(msg ?? fallback ?? key, params);
}

export function isMsgKey(key: string): key is MsgKey {
  return key in fr;
}

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'fr' || saved === 'en') return saved;
  } catch {
    // Storage can be blocked; French is the default.
  }
  return 'fr';
}

export interface I18n {
  lang: Lang;
  locale: string;
  setLang(lang: Lang): void;
  t(key: MsgKey, params?: Record<string, string | number>): string;
  /** Looks up a key built at run time (severity, source, tile id), with a fallback. */
  tk(key: string, fallback?: string, params?: Record<string, string | number>): string;
  num(n: number): string;
  date(iso: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
  relative(iso: string | null | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

function build(lang: Lang, setLang: (l: Lang) => void): I18n {
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const nf = new Intl.NumberFormat(locale);
  const df = new Intl.DateTimeFormat(locale, { dateStyle: 'long' });
  const dtf = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const valid = (iso: string | null | undefined): Date | undefined => {
    if (!iso) return undefined;
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? undefined : d;
  };
  return {
    lang,
    locale,
    setLang,
    t: (key, params) => translate(lang, key, params),
    tk: (key, fallback, params) => translate(lang, key, params, fallback),
    num: (n) => nf.format(n),
    date: (iso) => {
      const d = valid(iso);
      return d ? df.format(d) : '—';
    },
    dateTime: (iso) => {
      const d = valid(iso);
      return d ? dtf.format(d) : '—';
    },
    relative: (iso) => {
      const d = valid(iso);
      if (!d) return '—';
      const s = (d.getTime() - Date.now()) / 1000;
      const abs = Math.abs(s);
      if (abs < 60) return rtf.format(Math.round(s), 'second');
      if (abs < 3600) return rtf.format(Math.round(s / 60), 'minute');
      if (abs < 86400) return rtf.format(Math.round(s / 3600), 'hour');
      if (abs < 86400 * 30) return rtf.format(Math.round(s / 86400), 'day');
      return dtf.format(d);
    },
  };
}

/** Provides the chosen language to the tree; the choice persists in localStorage. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // Not persisted; the switch still works for this visit.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo(() => build(lang, setLang), [lang, setLang]);
  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
