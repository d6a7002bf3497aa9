import { expect } from 'chai';
import { describeEachDatabase } from '../../../testing/src/index.js';
import { FailedReason } from '../errors.js';
import { useMadesDatabase } from '../../test/fixtures/mades-database.js';
import { applyTransitions, MessageStatus, readStatus, type Transition } from './status.js';

// Tracking transitions (F1) in few statements (issue 14): a relay batch or an acknowledgement is
// one UPDATE, and statuses still only move forward, per message, in the order given.
describeEachDatabase('mades tracking: status transitions (F1; issue 14)', (dut) => {
  const db = useMadesDatabase(dut);

  const T0 = '2026-03-01T09:00:00.000Z';
  async function sent(id: string, receiver = 'C-DSO', status: MessageStatus = MessageStatus.ACCEPTED): Promise<void> {
    await db()('mades_sent').insert({
      message_id: id, receiver, business_type: 'schedule', ba_message_id: `ba-${id}`, sender_party: 'P1', priority: 0, ttl_ms: 60_000,
      created_at: T0, headers: '{}', payload: null, published: false, status, accepted_at: T0,
    });
  }
  async function statementsOf<R>(work: () => Promise<R>): Promise<{ result: R; sql: string[] }> {
    const sql: string[] = [];
    const onQuery = (q: { sql: string }) => sql.push(q.sql);
    db().on('query', onQuery);
    try {
      return { result: await work(), sql };
    } finally {
      db().off('query', onQuery);
    }
  }

  it('F1: 600 DELIVERED transitions of one batch are two statements (500 per UPDATE), reported in the order given', async () => {
    const ids = Array.from({ length: 600 }, (_, i) => `m-${String(i).padStart(4, '0')}`);
    for (const id of ids) await sent(id);
    const reversed = [...ids].reverse();
    const { result, sql } = await statementsOf(() => applyTransitions(db(), reversed.map((messageId) => ({ messageId, status: 'DELIVERED', at: T0 }))));
    expect(sql, 'statements').to.have.length(2);
    expect(result.map((c) => c.messageId)).to.deep.equal(reversed);
    expect(result[0]).to.deep.include({ status: 'DELIVERED', receiver: 'C-DSO', businessType: 'schedule', baMessageId: `ba-${reversed[0]}`, at: T0 });
    expect((await readStatus(db(), ids[599]!))?.deliveredAt).to.equal(T0);
  });

  it('F1: statuses only move forward — a late DELIVERED after RECEIVED, or anything after FAILED, changes nothing', async () => {
    await sent('a', 'C-DSO', MessageStatus.RECEIVED);
    await sent('b', 'C-DSO', MessageStatus.FAILED);
    await sent('c');
    const changes = await applyTransitions(db(), [
      { messageId: 'a', status: 'DELIVERED', at: T0 },
      { messageId: 'b', status: 'DELIVERED', at: T0 },
      { messageId: 'c', status: 'DELIVERED', at: T0 },
      { messageId: 'unknown', status: 'DELIVERED', at: T0 },
    ]);
    expect(changes.map((c) => c.messageId)).to.deep.equal(['c']);
    expect((await readStatus(db(), 'a'))?.status).to.equal('RECEIVED');
    expect((await readStatus(db(), 'b'))?.status).to.equal('FAILED');
  });

  it('F1: one message twice in a list applies in order: DELIVERED then RECEIVED both apply; RECEIVED then DELIVERED only the first', async () => {
    await sent('x');
    await sent('y');
    const later = '2026-03-01T09:00:01.000Z';
    const list: Transition[] = [
      { messageId: 'x', status: 'DELIVERED', at: T0 },
      { messageId: 'y', status: 'RECEIVED', at: later },
      { messageId: 'x', status: 'RECEIVED', at: later },
      { messageId: 'y', status: 'DELIVERED', at: T0 },
    ];
    const changes = await applyTransitions(db(), list);
    expect(changes.map((c) => `${c.messageId} ${c.status}`)).to.deep.equal(['x DELIVERED', 'y RECEIVED', 'x RECEIVED']);
    expect(await readStatus(db(), 'x')).to.deep.include({ status: 'RECEIVED', deliveredAt: T0, receivedAt: later });
    expect(await readStatus(db(), 'y')).to.deep.include({ status: 'RECEIVED', receivedAt: later });
    expect((await readStatus(db(), 'y'))?.deliveredAt).to.equal(undefined);
  });

  it('F1: FAILED keeps its reason and detail per message; only the receiver named may acknowledge', async () => {
    await sent('f1');
    await sent('f2');
    await sent('other', 'C-AGR');
    const changes = await applyTransitions(
      db(),
      [
        { messageId: 'f1', status: 'FAILED', reason: FailedReason.HANDLER_ERROR, detail: 'one', at: T0 },
        { messageId: 'f2', status: 'FAILED', reason: FailedReason.PAYLOAD_REJECTED, detail: 'two', at: T0 },
        { messageId: 'other', status: 'RECEIVED', at: T0 },
      ],
      'C-DSO',
    );
    expect(changes.map((c) => [c.messageId, c.reason, c.detail])).to.deep.equal([['f1', 'HANDLER_ERROR', 'one'], ['f2', 'PAYLOAD_REJECTED', 'two']]);
    expect(await readStatus(db(), 'f2')).to.deep.include({ status: 'FAILED', reason: 'PAYLOAD_REJECTED', detail: 'two', failedAt: T0 });
    expect((await readStatus(db(), 'other'))?.status).to.equal('ACCEPTED');
  });
});
