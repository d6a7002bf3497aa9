import { expect } from 'chai';
import { headerBusinessTypeRule } from './header-business-type.rule.js';
import { headerSenderRule } from './header-sender.rule.js';
import { headerRoleRule } from './header-role.rule.js';
import { headerReceiverRule } from './header-receiver.rule.js';
import type { HeaderInput } from '../inputs.js';

const input = (over: Partial<HeaderInput> & { senderId?: string; role?: string; receiver?: string } = {}): HeaderInput => ({
  envelopeSender: 'AGR',
  businessType: 'schedule',
  kind: 'schedule',
  tpsParties: ['TPS'],
  header: { mRID: 'm', createdDateTime: '2026-01-01T00:00:00Z', sender: { mRID: over.senderId ?? 'AGR', role: (over.role ?? 'A52') as never }, receiver: { mRID: over.receiver ?? 'TPS', role: 'A57' } },
  ...over,
});

describe('header rules (F1, NF3)', () => {
  it('header.business-type: applies to all; A62 when the envelope type differs or the kind is not accepted inbound', async () => {
    expect(headerBusinessTypeRule.appliesTo(input())).to.equal(true);
    expect(await headerBusinessTypeRule.validate(input(), undefined)).to.equal(undefined);
    expect((await headerBusinessTypeRule.validate(input({ businessType: 'capacity-limit' }), undefined))?.code).to.equal('A62');
    expect((await headerBusinessTypeRule.validate(input({ businessType: 'asset-list', kind: 'asset-list' }), undefined))?.code).to.equal('A62');
  });

  it('header.sender-is-envelope-party: A78 when the document names another sender than the verified one', async () => {
    expect(headerSenderRule.appliesTo(input())).to.equal(true);
    expect(await headerSenderRule.validate(input(), undefined)).to.equal(undefined);
    expect((await headerSenderRule.validate(input({ senderId: 'OTHER' }), undefined))?.code).to.equal('A78');
  });

  it('header.sender-role: A78 when a DSO sends a schedule or an AGR a limit', async () => {
    expect(headerRoleRule.appliesTo(input())).to.equal(true);
    expect(headerRoleRule.appliesTo(input({ kind: 'acknowledgement' }))).to.equal(false);
    expect(await headerRoleRule.validate(input(), undefined)).to.equal(undefined);
    expect((await headerRoleRule.validate(input({ role: 'A50' }), undefined))?.code).to.equal('A78');
    expect((await headerRoleRule.validate(input({ kind: 'capacity-limit', businessType: 'capacity-limit' }), undefined))?.code).to.equal('A78');
  });

  it('header.receiver-is-tps: A53 when the document is addressed to someone else', async () => {
    expect(headerReceiverRule.appliesTo(input())).to.equal(true);
    expect(await headerReceiverRule.validate(input(), undefined)).to.equal(undefined);
    expect((await headerReceiverRule.validate(input({ receiver: 'DSO' }), undefined))?.code).to.equal('A53');
  });
});
