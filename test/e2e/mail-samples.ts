/**
 * Sample messages for the mail dashboard test and screenshots, built here rather than stored:
 * the 2017 wave (the digital director's name on a lookalike domain, two attachments "to protect
 * yourself", a link that shows the real domain and goes to another) and an ordinary colleague message.
 * The attachments are harmless files carrying the structures triage looks for (an OLE document
 * with a VBA storage and an auto-open macro name, a PDF with OpenAction and JavaScript).
 */
const enc = (s: string) => new TextEncoder().encode(s);

function mime(headers: string[], parts: string[]): string {
  const b = 'rempart-b0undary';
  return [...headers, 'MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${b}"`, '', ...parts.map((p) => `--${b}\r\n${p}`), `--${b}--`, ''].join('\r\n');
}

function attachment(name: string, type: string, content: Uint8Array): string {
  return `Content-Type: ${type}; name="${name}"\r\nContent-Disposition: attachment; filename="${name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(content).toString('base64').replace(/.{76}/g, '$&\r\n')}`;
}

export const SAMPLE_2017_SUBJECT = 'Attaque en cours : protégez-vous';

export function sample2017(): Buffer {
  return Buffer.from(
    mime(
      [
        'From: Mounir Mahjoubi <m.mahjoubi@en-marche-fr.com>',
        'To: Léa Fontaine <lea.fontaine@en-marche.fr>',
        `Subject: =?utf-8?B?${Buffer.from(SAMPLE_2017_SUBJECT).toString('base64')}?=`,
        'Date: Wed, 26 Apr 2017 08:41:00 +0200',
        'Message-ID: <20170426084100.77@en-marche-fr.com>',
      ],
      [
        'Content-Type: text/html; charset=utf-8\r\n\r\n<p>Bonjour à tous,</p><p>Nous faisons l’objet d’une attaque. Téléchargez immédiatement les deux pièces jointes pour vous protéger, et suivez la procédure : <a href="https://onedrive-en-marche.fr/documents/protection">https://en-marche.fr/securite</a></p><p>Mounir</p>',
        attachment('outil-protection.doc', 'application/msword', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...enc('\0V\0B\0A\0 _VBA_PROJECT Attribute VB_Name Sub AutoOpen() Shell("powershell")')])),
        attachment('procedure-securite.pdf', 'application/pdf', enc('%PDF-1.7 1 0 obj << /OpenAction 2 0 R /JavaScript (app.alert) >> endobj')),
      ],
    ),
  );
}

export const SAMPLE_CLEAN_SUBJECT = 'Réunion de jeudi';

export function sampleClean(): string {
  return mime(
    ['From: Mounir Mahjoubi <mounir.mahjoubi@en-marche.fr>', 'To: Léa Fontaine <lea.fontaine@en-marche.fr>', `Subject: =?utf-8?Q?R=C3=A9union_de_jeudi?=`, 'Date: Tue, 25 Apr 2017 17:02:00 +0200', 'Message-ID: <jeudi@en-marche.fr>'],
    ['Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nSalut Léa, on se voit jeudi à 10 h pour le point numérique ? Merci, Mounir'],
  );
}
