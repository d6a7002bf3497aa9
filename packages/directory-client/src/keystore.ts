// The component's own secrets on disk: private keys, its directory token and its certificates.
// Files are 0600 in a 0700 folder and written atomically (tmp + rename), so a crash never leaves
// half a key; a restart reuses what is here instead of registering again.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PublishedCertificate } from './wire-types.js';

export interface KeystoreCredentials {
  code: string;
  organisation: string;
  componentToken: string;
}

export interface KeystoreCertificates {
  caCertificate: string;
  certificates: PublishedCertificate[];
}

export type KeyName = 'signing' | 'authentication' | 'encryption';

export class Keystore {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  hasKey(name: KeyName): boolean {
    return existsSync(this.keyFile(name));
  }

  readKey(name: KeyName): KeyObject {
    return createPrivateKey(readFileSync(this.keyFile(name)));
  }

  writeKey(name: KeyName, key: KeyObject): void {
    this.writeSecret(`${name}-key.pem`, key.export({ format: 'pem', type: 'pkcs8' }).toString());
  }

  /**
   * Keeps the current `name` key under another file name before it is replaced (renewal): other
   * components may still encrypt for it while its certificate is valid (overlap, F1/NF3).
   */
  archiveKey(name: KeyName, label: string): void {
    if (!this.hasKey(name)) return;
    this.writeSecret(`${name}-key.${label.replace(/[^A-Za-z0-9]/g, '')}.pem`, readFileSync(this.keyFile(name), 'utf8'));
  }

  /** Keys kept by `archiveKey`, oldest file name first. */
  readArchivedKeys(name: KeyName): KeyObject[] {
    const pattern = new RegExp(`^${name}-key\\.[A-Za-z0-9]+\\.pem$`);
    return readdirSync(this.dir)
      .filter((f) => pattern.test(f))
      .sort()
      .map((f) => createPrivateKey(readFileSync(join(this.dir, f))));
  }

  readCredentials(): KeystoreCredentials | undefined {
    return this.readJson<KeystoreCredentials>('credentials.json');
  }

  writeCredentials(c: KeystoreCredentials): void {
    this.writeSecret('credentials.json', JSON.stringify(c, null, 2));
  }

  readCertificates(): KeystoreCertificates | undefined {
    return this.readJson<KeystoreCertificates>('certificates.json');
  }

  writeCertificates(c: KeystoreCertificates): void {
    this.writeSecret('certificates.json', JSON.stringify(c, null, 2));
  }

  private keyFile(name: KeyName): string {
    return join(this.dir, `${name}-key.pem`);
  }

  private readJson<T>(file: string): T | undefined {
    const path = join(this.dir, file);
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
  }

  private writeSecret(file: string, text: string): void {
    const path = join(this.dir, file);
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    chmodSync(tmp, 0o600); // mode is masked by umask on create; make it exact.
    renameSync(tmp, path);
  }
}
