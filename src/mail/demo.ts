import type { Store } from '../store/index.ts';
import { triageAndStore } from './reports.ts';

/** The last 2017 wave, in the digital director's name, from a lookalike domain, as staff reported it. */
export const MESSAGE_2017 = [
  'From: Mounir Mahjoubi <m.mahjoubi@en-marche-fr.com>',
  'To: Léa Fontaine <lea.fontaine@en-marche.fr>',
  'Subject: =?utf-8?Q?Urgent_=3A_prot=C3=A9gez-vous?=',
  'Date: Wed, 26 Apr 2017 08:41:00 +0200',
  'Message-ID: <20170426084100.4242@en-marche-fr.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Bonjour,</p><p>Nous faisons l’objet d’une attaque. Téléchargez immédiatement les deux pièces jointes pour vous protéger :</p>',
  '<p><a href="https://onedrive-en-marche.fr/documents/protection">https://en-marche.fr/securite</a></p><p>Mounir</p>',
  '',
].join('\r\n');

export async function loadMailDemo(store: Store): Promise<string> {
  const exists = await store.db.selectFrom('mail_reports').select('id').where('source', '=', 'demo').executeTakeFirst();
  if (exists) return 'mail: reported 2017 message already triaged';
  const r = await triageAndStore(store, MESSAGE_2017, { source: 'demo', reporter: 'lea.fontaine@en-marche.fr' });
  return `mail: the 26 April 2017 message triaged as ${r.verdict} (${r.score}/100)`;
}
