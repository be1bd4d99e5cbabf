// The pseudonymisation key: emails become HMAC-SHA256(key, lower(trim(email))) at ingest, so the
// same person links across files without the address ever leaving ingest (DESIGN §4, §10).
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { ConfigError } from '../errors.js';

export function defaultKeyPath(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'journey', 'key');
}

/** Read the key file, creating it (32 random bytes, mode 0600) on first use. */
export function loadKey(path: string, options: { createFolder: boolean } = { createFolder: true }): { key: Buffer; created: boolean } {
  try {
    return readOrCreateKey(path, options.createFolder);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    // The file system said no (a folder in the way, no permission, a read-only home): the user's to fix.
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ConfigError(path, [`key file: cannot read or create the pseudonymisation key at ${path} (${code}); pass --key-file FILE in a folder that exists, or set XDG_CONFIG_HOME to a writable place`]);
  }
}

function readOrCreateKey(path: string, createFolder: boolean): { key: Buffer; created: boolean } {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new ConfigError(path, [`key file: ${path} is a folder; point --key-file at a file (it is created on first use)`]);
  }
  if (!existsSync(path)) {
    if (createFolder) mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Written whole under a temp name, then linked into place: two first runs at once (cron, a
    // parallel test) never see a half-written key, and the loser of the race uses the winner's.
    const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(temp, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(temp, 0o600);
    try {
      linkSync(temp, path);
      return { key: Buffer.from(readFileSync(path, 'utf8').trim(), 'hex'), created: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(temp, { force: true });
    }
  }
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) {
    throw new ConfigError(path, [`key file: ${path} is readable by others (mode ${mode.toString(8)}); run chmod 600 ${path}`]);
  }
  const text = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(text)) {
    throw new ConfigError(path, [`key file: ${path} must hold 64 hex characters (a 32-byte key)`]);
  }
  return { key: Buffer.from(text, 'hex'), created: false };
}

/** HMAC's inner and outer padded keys, bound into the session so SQL can compute the MAC. */
export function hmacPads(key: Buffer): { ipad: string; opad: string } {
  const ipad = Buffer.alloc(64, 0x36);
  const opad = Buffer.alloc(64, 0x5c);
  for (let i = 0; i < key.length; i++) {
    ipad[i] ^= key[i];
    opad[i] ^= key[i];
  }
  return { ipad: ipad.toString('hex'), opad: opad.toString('hex') };
}

/** SQL for the customer key of an email expression (uses the session's bound pads). */
export function hmacSql(emailExpr: string): string {
  return `sha256(getvariable('journey_hmac_opad') || unhex(sha256(getvariable('journey_hmac_ipad') || encode(lower(${emailExpr})))))`;
}
