import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RempartError } from './errors.ts';

/**
 * Encrypts secrets at rest (webhook secrets, SMTP passwords) with AES-256-GCM.
 * The key comes from REMPART_SECRET_KEY; in embedded mode, when unset, a key file is created
 * once under the data folder with mode 0600 so that `npm start` works with no set-up.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromKey(material: string): SecretBox {
    const key = /^[0-9a-f]{64}$/i.test(material) ? Buffer.from(material, 'hex') : Buffer.from(material, 'base64');
    if (key.length !== 32) throw new RempartError('config.secret_key', 'REMPART_SECRET_KEY must be 32 bytes, hex or base64');
    return new SecretBox(key);
  }

  static fromConfig(secretKey: string | undefined, dataDir: string): SecretBox {
    if (secretKey) return SecretBox.fromKey(secretKey);
    const file = join(dataDir, 'secret.key');
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    }
    return SecretBox.fromKey(readFileSync(file, 'utf8').trim());
  }

  /** Keyed MAC (HMAC-SHA256, base64url) for values that must be unforgeable but reproducible, such as tracking tokens. */
  mac(data: string, bytes = 18): string {
    return createHmac('sha256', this.key).update(data).digest().subarray(0, bytes).toString('base64url');
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return ['v1', iv.toString('base64'), c.getAuthTag().toString('base64'), body.toString('base64')].join('.');
  }

  open(sealed: string): string {
    const [v, iv, tag, body] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || body === undefined) throw new RempartError('secrets.corrupt', 'Encrypted value is malformed');
    try {
      const d = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
      d.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([d.update(Buffer.from(body, 'base64')), d.final()]).toString('utf8');
    } catch {
      throw new RempartError('secrets.wrong_key', 'Cannot decrypt a stored secret: REMPART_SECRET_KEY changed?', 500);
    }
  }
}
