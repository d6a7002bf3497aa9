// The directory CA's certificate and key (one row). Survives restarts so issued certificates keep chaining.
import type { Knex } from 'knex';

export interface StoredCa {
  certificatePem: string;
  privateKeyPem: string;
}

export class CaRepository {
  async get(db: Knex): Promise<StoredCa | undefined> {
    const row = (await db('dir_ca').where({ id: 'root' }).first()) as { certificate_pem: string; private_key_pem: string } | undefined;
    return row && { certificatePem: row.certificate_pem, privateKeyPem: row.private_key_pem };
  }

  /** Inserts unless another replica got there first; returns what is stored either way. */
  async insertIfAbsent(db: Knex, ca: StoredCa, createdAt: string): Promise<StoredCa> {
    await db('dir_ca')
      .insert({ id: 'root', certificate_pem: ca.certificatePem, private_key_pem: ca.privateKeyPem, created_at: createdAt })
      .onConflict('id')
      .ignore();
    return (await this.get(db))!;
  }
}
