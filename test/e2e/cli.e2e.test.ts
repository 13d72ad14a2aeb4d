import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { outlookMsg } from '../helpers/outlook-msg.ts';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'rempart-cli-'));
const env = { ...process.env, REMPART_DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`, REMPART_DATA_DIR: dir };

function rempart(...args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/rempart.js'), ...args], { env, encoding: 'utf8', cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('rempart CLI', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints its version', () => {
    const r = rempart('--version');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('judges an Outlook .msg (a CommonJS reader under Node’s own loader)', () => {
    const msg = join(dir, 'alerte.msg');
    writeFileSync(msg, outlookMsg({ '0037': 'Attaque en cours : protégez-vous', '0C1A': 'Mounir Mahjoubi', '0C1F': 'm.mahjoubi@en-marche-fr.com', '1000': 'Téléchargez les deux pièces jointes pour vous protéger.' }, [], [{ name: 'Léa Martin', email: 'lea.martin@en-marche.fr' }]));
    const org = join(dir, 'org.json');
    writeFileSync(org, JSON.stringify({ protectedDomains: ['en-marche.fr'], staff: [{ fullName: 'Mounir Mahjoubi', email: 'mounir.mahjoubi@en-marche.fr' }] }));
    const r = rempart('mail', 'triage', '--json', '--org', org, msg);
    expect(r.err).not.toMatch(/msg_unreadable/);
    const line = JSON.parse(r.out.trim());
    expect(line.file).toBe(msg);
    expect(line.signals.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(['sender.staff_impersonation', 'sender.lookalike_domain']));
  });

  it('imports a bare MISP event (PyMISP form) and writes a MISP feed directory that keeps its types, objects and tags', () => {
    const ev = join(dir, 'event.json');
    writeFileSync(ev, JSON.stringify({ uuid: '5f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', info: 'APT28 infrastructure', Tag: [{ name: 'tlp:amber' }], Attribute: [{ uuid: 'aaaaaaaa-0000-4000-8000-000000000001', type: 'hostname', category: 'Network activity', value: 'mail.onedrive-en-marche.fr', to_ids: true }], Object: [{ uuid: 'bbbbbbbb-0000-4000-8000-000000000001', name: 'domain-ip', Attribute: [{ type: 'domain', object_relation: 'domain', value: 'en-marche-fr.com' }, { type: 'port', object_relation: 'port', value: '443' }] }] }));
    const imp = rempart('intel', 'import', ev);
    expect(imp.err).toBe('');
    expect(imp.code).toBe(0);
    const out = join(dir, 'feed');
    const r = rempart('intel', 'export', '--format', 'misp-feed', '--out', out);
    expect(r.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Record<string, { Tag: Array<{ name: string }> }>;
    const [uuid] = Object.keys(manifest);
    expect(manifest[uuid].Tag.map((t) => t.name)).toContain('tlp:amber');
    const event = JSON.parse(readFileSync(join(out, `${uuid}.json`), 'utf8')) as { Event: { Attribute: Array<{ type: string }>; Object: Array<{ name: string; Attribute: unknown[] }> } };
    expect(event.Event.Attribute.map((a) => a.type)).toContain('hostname');
    expect(event.Event.Object[0]).toMatchObject({ name: 'domain-ip' });
    expect(event.Event.Object[0].Attribute).toHaveLength(2);
    expect(readFileSync(join(out, 'hashes.csv'), 'utf8')).toContain(uuid);
  });

  it('imports a staff CSV, reporting bad rows by line, and lists it as JSON lines', () => {
    const csv = join(dir, 'staff.csv');
    writeFileSync(csv, 'nom;email;département\nLéa Fontaine;lea@en-marche.fr;numérique\n;x@en-marche.fr;presse\nPaul;pas-une-adresse;presse\n');
    const r = rempart('org', 'import', csv);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/ligne\/line 3: missing name/);
    expect(r.err).toMatch(/ligne\/line 4: invalid email/);
    const list = rempart('org', 'staff', '--json');
    const lines = list.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([{ email: 'lea@en-marche.fr', fullName: 'Léa Fontaine', department: 'numérique', role: null }]);
  });

  it('adds users and lists them as one JSON object per line', () => {
    expect(rempart('user', 'add', 'thomas', '--role', 'analyst').code).toBe(0);
    const r = rempart('user', 'list', '--json');
    const users = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(users.map((u) => u.username)).toContain('thomas');
    expect(JSON.stringify(users)).not.toMatch(/password_hash|argon2/);
  });

  it('fails with one line, a stable id and a non-zero code', () => {
    const r = rempart('user', 'add', 'x2', '--role', 'god');
    expect(r.code).not.toBe(0);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/\[user\.bad_role\]$/m);
  });

  it('refuses a database URL it cannot use, naming the setting', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin/rempart.js'), 'alerts', 'list'], { env: { ...env, REMPART_DATABASE_URL: 'mysql://nope' }, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/REMPART_DATABASE_URL/);
  });

  it('reports a database file it cannot write with store.readonly, and exits non-zero', () => {
    const ro = mkdtempSync(join(tmpdir(), 'rempart-ro-'));
    const url = `sqlite:${join(ro, 'ro.db')}`;
    expect(spawnSync(process.execPath, [join(root, 'bin/rempart.js'), 'migrate'], { env: { ...env, REMPART_DATABASE_URL: url, REMPART_DATA_DIR: ro } }).status).toBe(0);
    chmodSync(join(ro, 'ro.db'), 0o444);
    // The folder stays readable (the CLI runs there) but only its owner may create files in it.
    chmodSync(ro, 0o755);
    // root ignores file modes: run the CLI as "nobody" in that case.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const r = spawnSync(process.execPath, [join(root, 'bin/rempart.js'), 'user', 'add', 'x', '--role', 'viewer'], {
      env: { ...env, REMPART_DATABASE_URL: url, REMPART_DATA_DIR: ro, HOME: ro },
      encoding: 'utf8',
      cwd: ro,
      ...asNobody,
    });
    rmSync(ro, { recursive: true, force: true });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/cannot be written.*\[store\.readonly\]/);
  });

  it('loads the demo twice without duplicating it', { timeout: 120_000 }, () => {
    expect(rempart('demo').code).toBe(0);
    expect(rempart('demo').code).toBe(0);
    const alerts = rempart('alerts', 'list', '--json').out.trim().split('\n');
    const titles = alerts.map((l) => JSON.parse(l).title as string);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.some((t) => t.includes('onedrive-en-marche.fr'))).toBe(true);
    const staff = rempart('org', 'staff', '--json').out.trim().split('\n');
    expect(staff.length).toBeGreaterThanOrEqual(40);
  });
});
