import { expect } from 'chai';
import { dsoOwnGridRule } from './dso-own-grid.rule.js';
import { limitKindRule } from './limit-kind.rule.js';
import { limitUniqueAssetsRule } from './limit-unique-assets.rule.js';
import { scheduleOwnAssetsRule } from './schedule-own-assets.rule.js';
import { fakeSupport } from './fake-support.js';
import type { LimitInput, ScheduleInput } from '../inputs.js';
import type { CapacityLimitDocument } from '../../../../packages/iec62325/src/index.js';

const support = fakeSupport(
  [
    { assetId: 'W1', operator: 'AGR1', connectionPoint: 'CP1' },
    { assetId: 'W2', operator: 'AGR2', connectionPoint: 'CP2' },
    { assetId: 'W3', operator: 'AGR1', connectionPoint: 'CP-UNOWNED' },
  ],
  { CP1: 'DSO1', CP2: 'DSO2' },
);
const head = { mRID: 'm', revisionNumber: 1, createdDateTime: '', sender: { mRID: 'DSO1', role: 'A50' as const }, receiver: { mRID: 'TPS', role: 'A57' as const }, period: { start: '', end: '' }, status: 'active' as const, unit: 'KWT' as const, reasons: [] };
const foreseen = (assetIds: string[]): LimitInput => ({
  sender: 'DSO1',
  doc: { ...head, limitType: 'foreseen', series: [{ mRID: 's', direction: 'production', assetIds, resolution: 'PT60M', interval: { start: '', end: '' }, availableW: [1] }] },
});
const sched = (assetIds: string[], sender = 'AGR1'): ScheduleInput => ({
  sender,
  doc: { ...head, period: { start: '', end: '' }, series: assetIds.map((assetId, i) => ({ mRID: `s${i}`, assetId, cancelled: true as const })) },
});

describe('DSO target, limit and schedule rules (F5a, F6a, F8a, F9a)', () => {
  it('dso.assets-on-own-grid: A64 for another DSO’s, an unregistered point’s and an unknown asset, with one text shape', async () => {
    expect(dsoOwnGridRule.appliesTo({ sender: 'DSO1', assetIds: [] })).to.equal(false);
    expect(await dsoOwnGridRule.validate({ sender: 'DSO1', assetIds: ['W1'] }, support)).to.equal(undefined);
    for (const id of ['W2', 'W3', 'W9']) {
      const r = await dsoOwnGridRule.validate({ sender: 'DSO1', assetIds: ['W1', id] }, support);
      expect(r).to.deep.equal({ code: 'A64', text: `asset ${id} is not on your grid` });
    }
  });

  it('limit.kind: A62 for a grant sent by a DSO', async () => {
    expect(limitKindRule.appliesTo(foreseen(['W1']))).to.equal(true);
    expect(await limitKindRule.validate(foreseen(['W1']), undefined)).to.equal(undefined);
    const grant = { sender: 'DSO1', doc: { ...head, limitType: 'grant', series: [] } as CapacityLimitDocument };
    expect((await limitKindRule.validate(grant, undefined))?.code).to.equal('A62');
  });

  it('limit.unique-assets: A55 for an asset twice in a series, A69 for a series naming none', async () => {
    expect(limitUniqueAssetsRule.appliesTo(foreseen(['W1']))).to.equal(true);
    expect(await limitUniqueAssetsRule.validate(foreseen(['W1']), undefined)).to.equal(undefined);
    expect((await limitUniqueAssetsRule.validate(foreseen(['W1', 'W1']), undefined))?.code).to.equal('A55');
    expect((await limitUniqueAssetsRule.validate(foreseen([]), undefined))?.code).to.equal('A69');
  });

  it('schedule.own-assets: A64 for another operator’s or an unknown asset', async () => {
    expect(scheduleOwnAssetsRule.appliesTo(sched(['W1']))).to.equal(true);
    expect(await scheduleOwnAssetsRule.validate(sched(['W1', 'W3']), support)).to.equal(undefined);
    expect((await scheduleOwnAssetsRule.validate(sched(['W1', 'W2']), support))?.code).to.equal('A64');
    expect((await scheduleOwnAssetsRule.validate(sched(['W9']), support))?.code).to.equal('A64');
  });
});
