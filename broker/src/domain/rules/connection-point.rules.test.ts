import { expect } from 'chai';
import { cpDsoIsSenderRule } from './cp-dso-is-sender.rule.js';
import { cpUniqueEntriesRule } from './cp-unique-entries.rule.js';
import { cpPartySingleRoleRule } from './cp-party-single-role.rule.js';
import { cpNotOwnedByOtherRule } from './cp-not-owned-by-other.rule.js';
import { cpOwnForRemoveRule } from './cp-own-for-remove.rule.js';
import { fakeSupport } from './fake-support.js';
import type { ConnectionPointInput } from '../inputs.js';

type Point = { connectionPoint: string; action: 'add' | 'remove' };
const input = (points: Point[], sender = 'DSO1', dso = sender): ConnectionPointInput => ({
  sender,
  doc: { mRID: 'm', revisionNumber: 1, createdDateTime: '', sender: { mRID: sender, role: 'A50' }, receiver: { mRID: 'TPS', role: 'A57' }, dso, connectionPoints: points },
});
const add = (cp: string): Point => ({ connectionPoint: cp, action: 'add' });
const remove = (cp: string): Point => ({ connectionPoint: cp, action: 'remove' });
const support = fakeSupport([{ assetId: 'W1', operator: 'AGR1', connectionPoint: 'CP1' }], { CP1: 'DSO1', CP2: 'DSO2' });

describe('connection point rules (F4a)', () => {
  it('cp.dso-is-sender: A78 when the document names another DSO', async () => {
    expect(cpDsoIsSenderRule.appliesTo(input([add('CP9')]))).to.equal(true);
    expect(await cpDsoIsSenderRule.validate(input([add('CP9')]), undefined)).to.equal(undefined);
    expect((await cpDsoIsSenderRule.validate(input([add('CP9')], 'DSO1', 'DSO2'), undefined))?.code).to.equal('A78');
  });

  it('cp.unique-entries: A55 for a point twice', async () => {
    expect(cpUniqueEntriesRule.appliesTo(input([add('CP9')]))).to.equal(false);
    expect(await cpUniqueEntriesRule.validate(input([add('CP8'), add('CP9')]), undefined)).to.equal(undefined);
    expect((await cpUniqueEntriesRule.validate(input([add('CP9'), remove('CP9')]), undefined))?.code).to.equal('A55');
  });

  it('cp.party-single-role: A78 when an asset operator adds connection points', async () => {
    expect(cpPartySingleRoleRule.appliesTo(input([remove('CP1')]))).to.equal(false);
    expect(await cpPartySingleRoleRule.validate(input([add('CP9')]), support)).to.equal(undefined);
    expect((await cpPartySingleRoleRule.validate(input([add('CP9')], 'AGR1'), support))?.code).to.equal('A78');
  });

  it('cp.not-owned-by-other: A59 when another DSO owns the point; re-adding your own is fine', async () => {
    expect(cpNotOwnedByOtherRule.appliesTo(input([remove('CP1')]))).to.equal(false);
    expect(await cpNotOwnedByOtherRule.validate(input([add('CP1'), add('CP9')]), support)).to.equal(undefined);
    expect((await cpNotOwnedByOtherRule.validate(input([add('CP2')]), support))?.code).to.equal('A59');
  });

  it('cp.own-for-remove: A64 for unknown and foreign points', async () => {
    expect(cpOwnForRemoveRule.appliesTo(input([add('CP1')]))).to.equal(false);
    expect(await cpOwnForRemoveRule.validate(input([remove('CP1')]), support)).to.equal(undefined);
    expect((await cpOwnForRemoveRule.validate(input([remove('CP2')]), support))?.code).to.equal('A64');
    expect((await cpOwnForRemoveRule.validate(input([remove('CP9')]), support))?.code).to.equal('A64');
  });
});
