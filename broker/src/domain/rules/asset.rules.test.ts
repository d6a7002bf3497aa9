import { expect } from 'chai';
import { assetUniqueEntriesRule } from './asset-unique-entries.rule.js';
import { assetOperatorIsSenderRule } from './asset-operator-is-sender.rule.js';
import { assetPartySingleRoleRule } from './asset-party-single-role.rule.js';
import { assetNotClaimedRule } from './asset-not-claimed.rule.js';
import { assetOwnForChangeRule } from './asset-own-for-change.rule.js';
import { fakeSupport } from './fake-support.js';
import type { AssetRegistrationInput } from '../inputs.js';
import type { AssetRegistrationDocument } from '../../../../packages/iec62325/src/index.js';

type Entry = AssetRegistrationDocument['assets'][number];
const reg = (assetId: string, operator = 'AGR1', action: 'register' | 'update' = 'register'): Entry => ({
  action, assetId, operator, connectionPoint: 'CP1', produces: true, consumes: false, maxProductionW: 1, maxConsumptionW: 0,
});
const rm = (assetId: string): Entry => ({ action: 'remove', assetId });
const input = (assets: Entry[], sender = 'AGR1'): AssetRegistrationInput => ({
  sender,
  doc: { mRID: 'm', revisionNumber: 1, createdDateTime: '', sender: { mRID: sender, role: 'A52' }, receiver: { mRID: 'TPS', role: 'A57' }, unit: 'KWT', assets },
});
const support = fakeSupport([{ assetId: 'W1', operator: 'AGR1', connectionPoint: 'CP1' }, { assetId: 'W2', operator: 'AGR2', connectionPoint: 'CP1' }], { CP1: 'DSO1' });

describe('asset registration rules (F4a)', () => {
  it('asset.unique-entries: applies to several entries; A55 for an asset twice', async () => {
    expect(assetUniqueEntriesRule.appliesTo(input([reg('W9')]))).to.equal(false);
    expect(await assetUniqueEntriesRule.validate(input([reg('W8'), reg('W9')]), undefined)).to.equal(undefined);
    expect((await assetUniqueEntriesRule.validate(input([reg('W9'), rm('W9')]), undefined))?.code).to.equal('A55');
  });

  it('asset.operator-is-sender: not for removals; A78 when an entry names another operator', async () => {
    expect(assetOperatorIsSenderRule.appliesTo(input([rm('W1')]))).to.equal(false);
    expect(await assetOperatorIsSenderRule.validate(input([reg('W9')]), undefined)).to.equal(undefined);
    expect((await assetOperatorIsSenderRule.validate(input([reg('W9', 'AGR2')]), undefined))?.code).to.equal('A78');
  });

  it('asset.party-single-role: A78 when the sender owns connection points', async () => {
    expect(assetPartySingleRoleRule.appliesTo(input([rm('W1')]))).to.equal(false);
    expect(await assetPartySingleRoleRule.validate(input([reg('W9')]), support)).to.equal(undefined);
    expect((await assetPartySingleRoleRule.validate(input([reg('W9', 'DSO1')], 'DSO1'), support))?.code).to.equal('A78');
  });

  it('asset.not-claimed-by-other: only registrations; A59 when another operator holds the asset; own re-registration is fine', async () => {
    expect(assetNotClaimedRule.appliesTo(input([reg('W1', 'AGR1', 'update')]))).to.equal(false);
    expect(await assetNotClaimedRule.validate(input([reg('W1'), reg('W9')]), support)).to.equal(undefined);
    const r = await assetNotClaimedRule.validate(input([reg('W2')]), support);
    expect(r?.code).to.equal('A59');
    expect(r?.text).not.to.contain('AGR2');
  });

  it('asset.own-for-change: updates/removals only of own assets; unknown and foreign both A64', async () => {
    expect(assetOwnForChangeRule.appliesTo(input([reg('W9')]))).to.equal(false);
    expect(await assetOwnForChangeRule.validate(input([reg('W1', 'AGR1', 'update'), rm('W1')]), support)).to.equal(undefined);
    expect((await assetOwnForChangeRule.validate(input([rm('W2')]), support))?.code).to.equal('A64');
    expect((await assetOwnForChangeRule.validate(input([reg('W9', 'AGR1', 'update')]), support))?.code).to.equal('A64');
  });
});
