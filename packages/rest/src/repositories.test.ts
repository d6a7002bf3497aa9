import { expect } from 'chai';
import { describeEachDatabase } from '../../testing/src/index.js';
import { migrate, type Database } from '../../storage/src/index.js';
import { restMigrations, TokenRepository, CursorRepository, hashToken } from './index.js';

describeEachDatabase('REST kit repositories: hashed party tokens, read cursors (NF3, F7a)', (dut) => {
  let db: Database;
  beforeEach(async () => {
    db = await dut.open();
    await migrate(db, 'rest', restMigrations);
  });
  afterEach(() => db.destroy());

  it('issues a token bound to one party and stores only its hash', async () => {
    const tokens = new TokenRepository(db);
    const issued = await tokens.issue('10X1001A1001A094', 'AGR', 'test');
    const rows = await db('api_tokens').select('*');
    expect(JSON.stringify(rows)).to.not.contain(issued.token);
    expect(rows[0].hash).to.equal(hashToken(issued.token));
    expect(await tokens.verify(issued.token)).to.deep.equal({ tokenId: issued.tokenId, party: '10X1001A1001A094', role: 'AGR' });
    expect(await tokens.verify(issued.token + 'x')).to.equal(undefined);
  });

  it('a revoked token no longer authenticates', async () => {
    const tokens = new TokenRepository(db);
    const issued = await tokens.issue('10X1001A1001A094', 'DSO');
    expect(await tokens.revoke(issued.tokenId)).to.equal(true);
    expect(await tokens.verify(issued.token)).to.equal(undefined);
  });

  it('cursors move forward only, per token, client and stream', async () => {
    const cursors = new CursorRepository(db);
    expect(await cursors.position(1, 'default', 'limits')).to.equal(0);
    await cursors.advance(1, 'default', 'limits', 5);
    await cursors.advance(1, 'default', 'limits', 3);
    await cursors.advance(1, 'other', 'limits', 9);
    expect(await cursors.position(1, 'default', 'limits')).to.equal(5);
    expect(await cursors.position(1, 'other', 'limits')).to.equal(9);
    expect(await cursors.position(2, 'default', 'limits')).to.equal(0);
  });
});
