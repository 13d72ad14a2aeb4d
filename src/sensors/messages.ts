import { registerMessages } from '../core/i18n.ts';

registerMessages({
  fr: {
    'sensors.kind.beacon': 'balise ouverte',
    'sensors.kind.portal': 'identifiant leurre essayé sur le portail',
    'sensors.kind.log': 'compte leurre utilisé sur un serveur',
    'sensors.kind.dns': 'nom canari résolu',
    'sensors.alert.title': 'Leurre touché ({kind}) : boîte {mailbox} compromise',
    'sensors.alert.inference':
      'Le leurre « {artifact} » (persona {persona}) n’existait que dans la boîte {mailbox}, où il a été déposé le {planted}. Il a été utilisé le {at} depuis {source}. Conclusion : la boîte {mailbox} a été lue par un tiers après le {planted}.',
    'sensors.alert.inference_account':
      'Le compte leurre {account} (persona {persona}, boîte {mailbox}, déposé le {planted}) a été utilisé le {at} depuis {source}{honey}. Seul quelqu’un ayant lu la boîte {mailbox} après le {planted} connaît cet identifiant.',
    'sensors.alert.honey': ', avec le mot de passe leurre',
    'sensors.alert.runbook':
      '1. Réinitialiser le mot de passe de la vraie boîte {mailbox} et fermer ses sessions. 2. Vérifier les règles de transfert et de filtrage, les applications autorisées et les mots de passe d’application. 3. Prévenir la personne et l’équipe sécurité ; noter l’adresse {source}. 4. Ne pas supprimer le leurre : il continue d’informer.',
    'sensors.unknown_date': 'date inconnue',
    'sensors.portal.wrong': 'Nom d’utilisateur ou mot de passe incorrect.',
    'sensors.portal.title.webmail': 'Messagerie {org}',
    'sensors.portal.title.onedrive': 'Documents partagés {org}',
    'sensors.portal.title.google': 'Connexion – {org}',
    'sensors.portal.user': 'Adresse e-mail',
    'sensors.portal.password': 'Mot de passe',
    'sensors.portal.submit': 'Se connecter',
    'sensors.log.summary': '{lines} lignes lues, {events} authentifications, {alerts} alertes',
  },
  en: {
    'sensors.kind.beacon': 'beacon opened',
    'sensors.kind.portal': 'decoy credential tried on the portal',
    'sensors.kind.log': 'decoy account used on a server',
    'sensors.kind.dns': 'canary name resolved',
    'sensors.alert.title': 'Decoy touched ({kind}): mailbox {mailbox} breached',
    'sensors.alert.inference':
      'Decoy "{artifact}" (persona {persona}) only ever existed in mailbox {mailbox}, where it was planted on {planted}. It was used on {at} from {source}. Therefore mailbox {mailbox} was read by someone else after {planted}.',
    'sensors.alert.inference_account':
      'Decoy account {account} (persona {persona}, mailbox {mailbox}, planted {planted}) was used on {at} from {source}{honey}. Only someone who read mailbox {mailbox} after {planted} knows this login.',
    'sensors.alert.honey': ', with the decoy password',
    'sensors.alert.runbook':
      '1. Reset the password of the real mailbox {mailbox} and end its sessions. 2. Check forwarding and filter rules, authorised apps and app passwords. 3. Tell the person and the security team; note address {source}. 4. Do not delete the decoy: it keeps reporting.',
    'sensors.unknown_date': 'unknown date',
    'sensors.portal.wrong': 'Wrong user name or password.',
    'sensors.portal.title.webmail': '{org} webmail',
    'sensors.portal.title.onedrive': '{org} shared documents',
    'sensors.portal.title.google': 'Sign in – {org}',
    'sensors.portal.user': 'Email address',
    'sensors.portal.password': 'Password',
    'sensors.portal.submit': 'Sign in',
    'sensors.log.summary': '{lines} lines read, {events} authentications, {alerts} alerts',
  },
});
