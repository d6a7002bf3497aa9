import { expect } from 'chai';
import { describeEachDatabase } from '../../testing/src/index.js';
import { migrate, type Database } from '../../storage/src/index.js';
import { restMigrations, TokenRepository } from './index.js';

describeEachDatabase('REST kit: concurrent token checks share one query (NF3; issue 14)', (dut) => {
  let db: Database;
  let selects: number;
  const onQuery = (q: { sql: string }) => {
    if (/^select .* from .api_tokens./i.test(q.sql)) selects++;
  };
  beforeEach(async () => {
    db = await dut.open();
    await migrate(db, 'rest', restMigrations);
    selects = 0;
    db.on('query', onQuery);
  });
  afterEach(async () => {
    db.off('query', onQuery);
    await db.destroy();
  });

  it('NF3: checks of one token while its lookup is in flight join it; each token is looked up once', async () => {
    const tokens = new TokenRepository(db);
    const a = await tokens.issue('10X1001A1001A094', 'AGR');
    const b = await tokens.issue('10X1001A1001A108', 'AGR');
    const answers = await Promise.all([...Array.from({ length: 50 }, () => tokens.verify(a.token)), tokens.verify(b.token), tokens.verify(a.token + 'x')]);
    expect(selects, 'one query per distinct token').to.equal(3);
    for (const p of answers.slice(0, 50)) expect(p).to.deep.equal({ tokenId: a.tokenId, party: '10X1001A1001A094', role: 'AGR' });
    expect(answers[50]).to.deep.equal({ tokenId: b.tokenId, party: '10X1001A1001A108', role: 'AGR' });
    expect(answers[51]).to.equal(undefined);
  });

  it('NF3: checks made from separate callbacks of one event-loop turn (requests read off their sockets together) share one query', async () => {
    const tokens = new TokenRepository(db);
    const a = await tokens.issue('10X1001A1001A094', 'AGR');
    const answers = await Promise.all(Array.from({ length: 20 }, () => new Promise((done) => setImmediate(() => done(tokens.verify(a.token))))));
    expect(selects, 'one query for the 20 checks of one turn').to.equal(1);
    for (const p of answers) expect(p).to.deep.equal({ tokenId: a.tokenId, party: '10X1001A1001A094', role: 'AGR' });
  });

  it('NF3: nothing is cached: a check after the lookup settled queries again', async () => {
    const tokens = new TokenRepository(db);
    const a = await tokens.issue('10X1001A1001A094', 'AGR');
    await tokens.verify(a.token);
    await tokens.verify(a.token);
    expect(selects).to.equal(2);
  });

  it('NF3: a revoked token is refused by the next check, even right after a successful one', async () => {
    const tokens = new TokenRepository(db);
    const a = await tokens.issue('10X1001A1001A094', 'DSO');
    expect(await tokens.verify(a.token)).to.not.equal(undefined);
    expect(await tokens.revoke(a.tokenId)).to.equal(true);
    expect(await tokens.verify(a.token)).to.equal(undefined);
  });

  it('NF3: a failed lookup refuses every joined check and is not kept', async () => {
    const tokens = new TokenRepository(db);
    const a = await tokens.issue('10X1001A1001A094', 'AGR');
    await db.schema.renameTable('api_tokens', 'api_tokens_away');
    const outcomes = await Promise.allSettled([tokens.verify(a.token), tokens.verify(a.token), tokens.verify(a.token)]);
    expect(outcomes.map((o) => o.status)).to.deep.equal(['rejected', 'rejected', 'rejected']);
    await db.schema.renameTable('api_tokens_away', 'api_tokens');
    expect(await tokens.verify(a.token)).to.deep.equal({ tokenId: a.tokenId, party: '10X1001A1001A094', role: 'AGR' });
  });
});
