import { expect } from 'chai';
import { describeEachDatabase } from '../../../testing/src/index.js';
import { useMadesDatabase } from '../../test/fixtures/mades-database.js';
import { MessageStatus, readStatus } from '../tracking/status.js';
import { markDelivered } from './mark-delivered.js';

// The relay records a broker confirm (F1: ACCEPTED → DELIVERED) and the published flag in one
// statement (issue 14, benchmark 2), and statuses still only move forward.
describeEachDatabase('mades outbox: published + DELIVERED in one statement (F1; issue 14)', (dut) => {
  const db = useMadesDatabase(dut);

  const T0 = '2026-03-01T09:00:00.000Z';
  const T1 = '2026-03-01T09:00:01.000Z';
  async function sent(id: string, status: MessageStatus = MessageStatus.ACCEPTED, published = false): Promise<void> {
    await db()('mades_sent').insert({
      message_id: id, receiver: 'C-AGR', business_type: 'capacity-limit', ba_message_id: `ba-${id}`, sender_party: 'P1', priority: 9, ttl_ms: 60_000,
      created_at: T0, headers: '{}', payload: Buffer.from('x'), published, status, accepted_at: T0,
    });
  }

  it('F1: an unpublished ACCEPTED row becomes published and DELIVERED in one statement, reported as a change', async () => {
    await sent('a');
    const sql: string[] = [];
    const onQuery = (q: { sql: string }) => sql.push(q.sql);
    db().on('query', onQuery);
    const changes = await markDelivered(db(), ['a'], T1).finally(() => db().off('query', onQuery));
    expect(sql, 'statements').to.have.length(1);
    expect(changes).to.have.length(1);
    expect(changes[0]).to.deep.include({ messageId: 'a', status: 'DELIVERED', at: T1, receiver: 'C-AGR', businessType: 'capacity-limit', baMessageId: 'ba-a' });
    const row = await db()('mades_sent').where({ message_id: 'a' }).first();
    expect(Boolean(row.published)).to.equal(true);
    expect(row.payload).to.equal(null);
    expect((await readStatus(db(), 'a'))).to.deep.include({ status: 'DELIVERED', deliveredAt: T1 });
  });

  it('F1: a row already RECEIVED or FAILED is marked published but keeps its status; a published row is not touched', async () => {
    await sent('received', MessageStatus.RECEIVED);
    await sent('failed', MessageStatus.FAILED);
    await sent('done', MessageStatus.ACCEPTED, true);
    await sent('c');
    const changes = await markDelivered(db(), ['received', 'failed', 'done', 'c', 'unknown'], T1);
    expect(changes.map((c) => c.messageId)).to.deep.equal(['c']);
    expect(await readStatus(db(), 'received')).to.deep.include({ status: 'RECEIVED', deliveredAt: undefined });
    expect((await readStatus(db(), 'failed'))?.status).to.equal('FAILED');
    expect(await readStatus(db(), 'done')).to.deep.include({ status: 'ACCEPTED', deliveredAt: undefined });
    const published = await db()('mades_sent').whereIn('message_id', ['received', 'failed']).select('published', 'payload');
    expect(published.map((r) => [Boolean(r.published), r.payload])).to.deep.equal([[true, null], [true, null]]);
  });

  it('F1: 600 rows in order given, 500 per statement', async () => {
    const ids = Array.from({ length: 600 }, (_, i) => `m-${String(i).padStart(4, '0')}`);
    await db().batchInsert('mades_sent', ids.map((id) => ({ message_id: id, receiver: 'C-AGR', business_type: 'schedule', ba_message_id: `ba-${id}`, sender_party: 'P1', priority: 0, ttl_ms: 60_000, created_at: T0, headers: '{}', payload: null, published: false, status: 'ACCEPTED', accepted_at: T0 })), 100);
    const reversed = [...ids].reverse();
    const changes = await markDelivered(db(), reversed, T1);
    expect(changes.map((c) => c.messageId)).to.deep.equal(reversed);
  });
});
