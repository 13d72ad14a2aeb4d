import { registerMessages } from '../core/i18n.ts';

/** Texts of training e-mails, CLI output and pages, French first. */
registerMessages({
  fr: {
    'train.mail.assigned.subject': 'Leçon à suivre : {title} ({minutes} minutes)',
    'train.mail.reminder.subject': 'Rappel : leçon « {title} » à terminer avant le {due}',
    'train.mail.overdue.subject': 'En retard : leçon « {title} » (échéance dépassée le {due})',
    'train.mail.body':
      'Bonjour,\n\n{why}\n\nLeçon : {title}\n{summary}\nDurée : environ {minutes} minutes, puis quelques courriels à reconnaître.\nÀ terminer avant le : {due}\n\nVotre lien personnel (ne le transférez pas) :\n{url}\n\nCe lien mène au serveur Rempart de votre organisation ({host}). Il ne vous demandera jamais de mot de passe. En cas de doute sur ce message, demandez à l’équipe sécurité.\n',
    'train.mail.why.drill': 'Un exercice d’hameçonnage récent vous a piégé : cela arrive à tout le monde, et c’est fait pour ça. Voici une courte leçon sur exactement ce qui a fonctionné.',
    'train.mail.why.manual': 'L’équipe sécurité vous a inscrit à une courte leçon.',
    'train.mail.why.demo': 'L’équipe sécurité vous a inscrit à une courte leçon.',
    'train.page.title': 'Apprendre à se protéger',
    'train.cli.lessons': '{n} leçons ({lang})',
    'train.cli.assigned': '{n} affectation(s) créée(s), {reused} déjà en cours',
    'train.cli.mail': '{sent} courriel(s) envoyé(s), {failed} échec(s)',
  },
  en: {
    'train.mail.assigned.subject': 'Lesson to take: {title} ({minutes} minutes)',
    'train.mail.reminder.subject': 'Reminder: finish the lesson "{title}" by {due}',
    'train.mail.overdue.subject': 'Overdue: lesson "{title}" (was due {due})',
    'train.mail.body':
      'Hello,\n\n{why}\n\nLesson: {title}\n{summary}\nTime: about {minutes} minutes, then a few emails to judge.\nPlease finish by: {due}\n\nYour personal link (do not forward it):\n{url}\n\nThis link leads to your organisation’s Rempart server ({host}). It will never ask for a password. If you doubt this message, ask the security team.\n',
    'train.mail.why.drill': 'A recent phishing drill caught you out: it happens to everyone, and that is what drills are for. Here is a short lesson on exactly what worked.',
    'train.mail.why.manual': 'The security team has enrolled you in a short lesson.',
    'train.mail.why.demo': 'The security team has enrolled you in a short lesson.',
    'train.page.title': 'Learn to protect yourself',
    'train.cli.lessons': '{n} lessons ({lang})',
    'train.cli.assigned': '{n} assignment(s) created, {reused} already open',
    'train.cli.mail': '{sent} email(s) sent, {failed} failed',
  },
});
