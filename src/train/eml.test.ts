import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRempartError } from '../core/errors.ts';
import { exerciseFieldsFromEml, MAX_EML_BYTES } from './eml.ts';

const EML = `From: "Thomas Roux" <thomas.roux@en-marche-fr.com>
To: lea.fontaine@en-marche.fr
Subject: =?utf-8?q?R=C3=A9initialisation?=
Date: Wed, 19 Apr 2017 09:00:00 +0200
Authentication-Results: mx.en-marche.fr;
 dmarc=fail header.from=en-marche-fr.com
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/html; charset=utf-8

<p>Bonjour, <a href="https://en-marche-fr.com/x">https://en-marche.fr/reset</a></p>
--b
Content-Type: application/octet-stream; name="Guide.pdf.exe"
Content-Disposition: attachment; filename="Guide.pdf.exe"
Content-Transfer-Encoding: base64

TVqQAAMAAAAEAAAA
--b--
`.replace(/\n/g, '\r\n');

describe('reading a reported message for an exercise', () => {
  it('takes the headers, HTML body, attachment names and authentication results', async () => {
    const f = await exerciseFieldsFromEml(Buffer.from(EML));
    expect(f).toMatchObject({ from: '"Thomas Roux" <thomas.roux@en-marche-fr.com>', to: 'lea.fontaine@en-marche.fr', subject: 'Réinitialisation', date: '2017-04-19T07:00:00.000Z', attachments: ['Guide.pdf.exe'] });
    expect(f.html).toContain('href="https://en-marche-fr.com/x"');
    expect(f.authResults).toContain('dmarc=fail');
  });

  it('refuses oversized input and never fails with anything but a clean error on garbage', async () => {
    await expect(exerciseFieldsFromEml(Buffer.alloc(MAX_EML_BYTES + 1, 0x41))).rejects.toMatchObject({ id: 'train.eml_too_large' });
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        try {
          const f = await exerciseFieldsFromEml(Buffer.from(bytes));
          expect(typeof f.html).toBe('string');
        } catch (e) {
          expect(isRempartError(e)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});
