import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

/**
 * Device passwords are stored as salted scrypt hashes, `scrypt$<salt>$<hash>` (hex). The cost
 * is kept modest because every (re)connect of a sensor verifies one.
 */
const KEY_LENGTH = 32;
const COST = { N: 1 << 12, r: 8, p: 1 };

export function newDeviceSecret(): string {
  return randomBytes(18).toString('base64url');
}

export function hashSecret(secret: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(secret, salt, KEY_LENGTH, COST);

  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

/** Hashes on libuv's thread pool, for seeding many devices without blocking the loop. */
export function hashSecretAsync(secret: string): Promise<string> {
  const salt = randomBytes(16);

  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, COST, (error, hash) => {
      if (error) reject(error);
      else resolve(`scrypt$${salt.toString('hex')}$${hash.toString('hex')}`);
    });
  });
}

/** Verifies on libuv's thread pool so a reconnect storm does not stall the broker. */
export function verifySecret(secret: string | Buffer, stored: string): Promise<boolean> {
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return Promise.resolve(false);

  const expected = Buffer.from(hashHex, 'hex');

  return new Promise((resolve) => {
    scrypt(secret, Buffer.from(saltHex, 'hex'), expected.length, COST, (error, actual) => {
      resolve(!error && actual.length === expected.length && timingSafeEqual(actual, expected));
    });
  });
}
