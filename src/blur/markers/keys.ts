import { createHmac } from 'node:crypto';

/** HMAC-SHA256 of `label|data` under the registry key: tokens, codes and MACs all come from here. */
export function mac(key: Buffer, label: string, data: string): Buffer {
  return createHmac('sha256', key).update(`${label}|${data}`).digest();
}
