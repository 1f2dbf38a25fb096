// AES-256-GCM with a per-entry key derived from the scanned text: a stolen Redis dump or a
// replica's memory cannot be read back, and a tampered value fails authentication (a miss).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const IV = 12;
const TAG = 16;

export function seal(plain: Uint8Array, secret: Buffer): Buffer {
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', secret, iv);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The plaintext, or undefined when the value is not one we sealed with this secret. */
export function unseal(sealed: Buffer, secret: Buffer): Buffer | undefined {
  if (sealed.length < IV + TAG) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', secret, sealed.subarray(0, IV));
    decipher.setAuthTag(sealed.subarray(IV, IV + TAG));
    return Buffer.concat([decipher.update(sealed.subarray(IV + TAG)), decipher.final()]);
  } catch {
    return undefined;
  }
}
