import { mac } from './markers/keys.ts';
import type { Persona } from './personas.ts';

/**
 * Honey credentials. Passwords are random strings we generate, so no human reuse is at stake:
 * they are stored as HMAC-SHA256 under the registry key, not argon2id. A log sensor can then test
 * a password seen in a log with one HMAC and an indexed lookup, where argon2id would need one
 * slow hash per stored credential per log line (salted hashes cannot be looked up).
 */
export interface HoneyCredential {
  personaId: string;
  service: string;
  url: string;
  login: string;
  password: string;
}

const services = [
  { service: 'webmail', url: (d: string) => `https://webmail.${d}/` },
  { service: 'vpn', url: (d: string) => `https://vpn.${d}/` },
  { service: 'drive', url: (d: string) => `https://drive.${d}/` },
  { service: 'intranet', url: (d: string) => `https://intranet.${d}/login` },
];

function password(key: Buffer, label: string): string {
  const b = mac(key, 'pw', label);
  const words = ['Marche', 'Soleil', 'Campagne', 'Avril', 'Printemps', 'Lyon', 'Victoire', 'Equipe', 'Projet', 'France'];
  // Looks human-chosen (word + digits + symbol) yet carries ~30 bits from the key.
  return `${words[b[0] % words.length]}${words[b[1] % words.length].toLowerCase()}${b.readUInt16BE(2) % 10000}${'!?#$*'[b[4] % 5]}`;
}

export function honeyCredentials(key: Buffer, deploymentId: string, personas: Persona[], domain: string): HoneyCredential[] {
  return personas.flatMap((p, i) =>
    services.slice(0, 1 + (i % services.length)).map((s) => ({ personaId: p.id, service: s.service, url: s.url(domain), login: s.service === 'webmail' ? p.email : p.email.split('@')[0], password: password(key, `${deploymentId}|${p.id}|${s.service}`) })),
  );
}

/** The stored form of a honey password (hex HMAC). */
export function passwordMac(key: Buffer, pw: string): string {
  return mac(key, 'honeypw', pw).toString('hex');
}

/** Chrome / Edge "Export passwords" CSV. */
export function browserCsv(creds: HoneyCredential[]): string {
  const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `name,url,username,password\n${creds.map((c) => [new URL(c.url).hostname, c.url, c.login, c.password].map(q).join(',')).join('\n')}\n`;
}

export async function passwordsXlsx(creds: HoneyCredential[], author: string, modified: Date): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = author;
  wb.lastModifiedBy = author;
  wb.created = modified;
  wb.modified = modified;
  const ws = wb.addWorksheet('mdp');
  ws.addRow(['Service', 'Adresse', 'Identifiant', 'Mot de passe']).font = { bold: true };
  for (const c of creds) ws.addRow([c.service, c.url, c.login, c.password]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function notesTxt(creds: HoneyCredential[]): string {
  return `accès – NE PAS DIFFUSER\n\n${creds.map((c) => `${c.service} : ${c.login} / ${c.password}`).join('\n')}\n`;
}
