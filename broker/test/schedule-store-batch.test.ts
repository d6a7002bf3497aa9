import { expect } from 'chai';
import { describeEachDatabase } from '../../packages/testing/src/index.js';
import { MAX_BOUND_PARAMETERS, migrate, type Database } from '../../packages/storage/src/index.js';
import { coreMigrations } from '../src/storage/migrations.js';
import { ScheduleRepository } from '../src/storage/schedule.repository.js';
import type { StoredScheduleSeries } from '../src/domain/types.js';

// The core stores a schedule document's series in multi-row inserts (issue 14); a document with
// more series than one statement may bind is split into several statements, stored whole.
const OP = '11XAGR-A-------K';
const series = (n: number, doc: string, revision: number): StoredScheduleSeries[] =>
  Array.from({ length: n }, (_, i) => ({
    operator: OP,
    documentMrid: doc,
    seriesMrid: `s-${String(i).padStart(4, '0')}`,
    assetId: `asset-${i}`,
    resolution: i % 2 ? 'PT60M' : 'PT15M',
    start: '2026-03-02T00:00Z',
    end: '2026-03-02T01:00Z',
    pointsW: [i, 5 - i],
    revision,
    updatedAt: `2026-03-01T10:00:0${revision}Z`,
  }));

describeEachDatabase('TPS core schedule store: one document in few statements (F8a; issue 14)', (dut) => {
  let db: Database;
  beforeEach(async () => {
    db = await dut.open();
    await migrate(db, 'core', coreMigrations);
  });
  afterEach(() => db.destroy());

  it('F8a: a document with more series than one statement can bind is stored whole, and a new revision replaces it whole', async () => {
    const repo = new ScheduleRepository(db);
    const many = Math.ceil(MAX_BOUND_PARAMETERS / 10) * 2 + 3; // > 2 statements' worth of 10-column rows
    await repo.replaceDocument(OP, 'GL-1', series(many, 'GL-1', 1));
    await repo.replaceDocument(OP, 'GL-2', series(2, 'GL-2', 1));
    const stored = await repo.ofDocument(OP, 'GL-1');
    expect(stored).to.deep.equal(series(many, 'GL-1', 1));
    await repo.replaceDocument(OP, 'GL-1', series(3, 'GL-1', 2));
    expect(await repo.ofDocument(OP, 'GL-1')).to.deep.equal(series(3, 'GL-1', 2));
    expect((await repo.ofOperator(OP)).length).to.equal(5);
    await repo.replaceDocument(OP, 'GL-1', []);
    expect(await repo.ofDocument(OP, 'GL-1')).to.deep.equal([]);
    expect(await repo.ofDocument(OP, 'GL-2')).to.have.length(2);
  });
});
