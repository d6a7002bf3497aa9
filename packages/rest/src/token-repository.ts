// API tokens: random secrets shown once, stored only as SHA-256 hashes (a database leak does not
// leak credentials). Each token speaks for exactly one party (NF3: every query is scoped to it).
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../storage/src/index.js';
import { SingleFlight } from './single-flight.js';

export type TokenRole = 'AGR' | 'DSO' | 'ADMIN';

export interface TokenPrincipal {
  tokenId: number;
  party: string;
  role: TokenRole;
}

export interface IssuedToken extends TokenPrincipal {
  /** The secret; returned once, never stored. */
  token: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class TokenRepository {
  /** Concurrent verifications of one token share the query in flight; nothing outlives it. */
  private readonly lookups = new SingleFlight<string, TokenPrincipal | undefined>();

  constructor(private readonly db: Database) {}

  async issue(party: string, role: TokenRole, label = ''): Promise<IssuedToken> {
    const token = `tps_${randomBytes(32).toString('base64url')}`;
    const [row] = await this.db('api_tokens')
      .insert({ party, role, hash: hashToken(token), label, created_at: new Date().toISOString() })
      .returning('id');
    const tokenId = typeof row === 'object' ? (row as { id: number }).id : (row as number);
    return { token, tokenId, party, role };
  }

  /**
   * Resolves a presented secret to its principal; revoked or unknown → undefined. A call made
   * while a lookup of the same token is in flight takes that lookup's answer (single-flight): it
   * sees the store as of at most one query earlier; a revocation committed after that read
   * started is seen by the next lookup. Nothing is cached once the lookup settles.
   */
  verify(token: string): Promise<TokenPrincipal | undefined> {
    const hash = hashToken(token);
    return this.lookups.run(hash, () => this.lookup(hash));
  }

  private async lookup(hash: string): Promise<TokenPrincipal | undefined> {
    // Lookup by hash of a 256-bit random secret: timing reveals nothing usable.
    const row = await this.db('api_tokens').where({ hash }).whereNull('revoked_at').first();
    // A fresh object per lookup; joined callers share it, so it is frozen (a caller must not
    // change another request's principal).
    return row ? Object.freeze({ tokenId: row.id, party: row.party, role: row.role }) : undefined;
  }

  async revoke(tokenId: number): Promise<boolean> {
    const n = await this.db('api_tokens').where({ id: tokenId }).whereNull('revoked_at').update({ revoked_at: new Date().toISOString() });
    return n > 0;
  }

  async list(): Promise<Array<{ id: number; party: string; role: TokenRole; label: string; createdAt: string; revokedAt: string | null }>> {
    const rows = await this.db('api_tokens').select('*').orderBy('id');
    return rows.map((r) => ({ id: r.id, party: r.party, role: r.role, label: r.label, createdAt: r.created_at, revokedAt: r.revoked_at }));
  }
}
