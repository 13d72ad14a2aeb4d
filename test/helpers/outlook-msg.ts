import { burn } from '@kenjiuno/msgreader/lib/Burner.js';

/** A minimal Outlook .msg built here: MAPI string properties as UTF-16 streams in an OLE compound file. */
export function outlookMsg(props: Record<string, string>, attachments: Array<{ name: string; content: Uint8Array }> = [], recipients: Array<{ name: string; email: string }> = []): Uint8Array {
  type E = { name: string; type: number; length: number; binaryProvider?: () => ArrayLike<number>; children?: number[] };
  const entries: E[] = [{ name: 'Root Entry', type: 5, length: 0, children: [] }];
  const doc = (parent: E, name: string, data: Uint8Array) => {
    entries.push({ name, type: 2, length: data.length, binaryProvider: () => data });
    parent.children!.push(entries.length - 1);
  };
  const str = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));
  const root = entries[0];
  doc(root, '__properties_version1.0', new Uint8Array(32));
  for (const [tag, value] of Object.entries(props)) doc(root, `__substg1.0_${tag}001F`, str(value));
  recipients.forEach((r, i) => {
    const dir: E = { name: `__recip_version1.0_#${i.toString(16).padStart(8, '0').toUpperCase()}`, type: 1, length: 0, children: [] };
    entries.push(dir);
    root.children!.push(entries.length - 1);
    doc(dir, '__properties_version1.0', new Uint8Array(8));
    doc(dir, '__substg1.0_3001001F', str(r.name));
    doc(dir, '__substg1.0_39FE001F', str(r.email));
  });
  attachments.forEach((a, i) => {
    const dir: E = { name: `__attach_version1.0_#${i.toString(16).padStart(8, '0').toUpperCase()}`, type: 1, length: 0, children: [] };
    entries.push(dir);
    root.children!.push(entries.length - 1);
    doc(dir, '__properties_version1.0', new Uint8Array(8));
    doc(dir, '__substg1.0_3707001F', str(a.name));
    doc(dir, '__substg1.0_37010102', a.content);
  });
  return burn(entries as Parameters<typeof burn>[0]);
}

