// Sizes of the documents that crossed the broker. The relay clears an outbox row's payload once
// RabbitMQ confirmed it, so sizes are sampled during the load from rows not yet published
// (plenty while the broker is down): mean bytes per component and business type, weighted by rows.
import type { Stores } from './reconcile.js';

export class DocumentSizeSampler {
  private readonly sums = new Map<string, { bytes: number; rows: number }>();

  async sample(stores: Stores): Promise<void> {
    for (const [component, db] of Object.entries(stores)) {
      const len = db.client.config.client === 'pg' ? 'octet_length(payload)' : 'length(payload)';
      const rows = (await db('mades_sent').where('published', false).select('business_type').sum({ bytes: db.raw(len) }).count({ n: '*' }).groupBy('business_type')) as Array<{ business_type: string; bytes: number | string | null; n: number | string }>;
      for (const r of rows) {
        const key = `${component} ${r.business_type}`;
        const s = this.sums.get(key) ?? { bytes: 0, rows: 0 };
        s.bytes += Number(r.bytes ?? 0);
        s.rows += Number(r.n);
        this.sums.set(key, s);
      }
    }
  }

  /** Mean bytes per "component business-type" (each sampled row counted once per sample). */
  means(): Record<string, number> {
    return Object.fromEntries([...this.sums].filter(([, s]) => s.rows > 0).map(([k, s]) => [k, Math.round(s.bytes / s.rows)]));
  }
}
