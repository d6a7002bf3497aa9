// F1/NF3 hostile input at the messaging layer: every case of corpus/messaging is a tampering of a
// real signed envelope (carrying a valid asset registration that WOULD change the registry if
// accepted), published straight into the TPS core's inbox queue on a real RabbitMQ. The core is
// the real one (createCore) behind the real MessagingEndpoint; the directory is the mades test
// fixture. The sender must get FAILED with the reason code (signed transport acknowledgement), or a
// negative business acknowledgement; the consumer stays up; the core's state is unchanged. As a
// real sender does, the test encrypts each document for the core (default policy: required) and
// decrypts what the core sends back, so every tampering applies to the envelope as it travels.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { buildAssetRegistration, makeEic, makeGsrn, MARKET_ROLE, parseDocument, type AcknowledgementDocument } from '../../packages/iec62325/src/index.js';
import { AmqpTransport, DEFAULT_ENCRYPTION_POLICY, Header, MessagingEndpoint, openPayload, sealEnvelope, signEnvelope, toHeaders, verifyEnvelope, type Delivery, type EnvelopeFields, type Transport } from '../../packages/mades/src/index.js';
import { decodeAcks, type AckItem } from '../../packages/mades/src/tracking/transport-ack.js';
import { MadesMessenger } from '../../packages/runtime/src/mades-messenger.js';
import { openDatabase } from '../../packages/storage/src/index.js';
import { sharedRabbitMQ } from '../../packages/testing/src/index.js';
import type { ComponentIdentity } from '../../packages/trust/src/index.js';
import { createCore } from '../../broker/src/index.js';
import { TestDirectory } from '../../packages/mades/test/fixtures/directory.js';
import { messagingCases } from './support/corpus.js';
import { record, recordGroup, recordGroupState } from './support/summary.js';
import { sleep, waitFor } from './support/wait.js';

const GROUP = 'messaging';
const TPS = makeEic('10X', 'TPS-MSG-T');
const AGR = makeEic('11X', 'AGR-MSG-A');
const AGR_OTHER = makeEic('11X', 'AGR-MSG-B');
const DSO = makeEic('11X', 'DSO-MSG-N');
const CORE_TABLES = ['core_connection_points', 'core_assets', 'core_asset_history', 'core_received_documents', 'core_schedule_series', 'core_limits', 'core_splits', 'core_forwards'];
const MAX_PAYLOAD = 256 * 1024;

describe('F1/NF3 hostile messaging corpus against the real core over RabbitMQ (test/hostile/corpus/messaging)', function () {
  this.timeout(60_000);
  recordGroup(GROUP, 'tampered signed envelopes into the core inbox (RabbitMQ)');
  const cases = messagingCases();
  const suffix = randomUUID().slice(0, 6).toUpperCase();
  const codes = { core: `10V-TPS-${suffix}`, agr: `10V-AGR-${suffix}`, other: `10V-AGB-${suffix}`, dso: `10V-DSO-${suffix}`, revoked: `10V-REV-${suffix}`, stranger: `10V-STR-${suffix}` };
  const directory = new TestDirectory();
  const ids: Record<string, ComponentIdentity> = {};
  let coreDb: Knex;
  let endpoint: MessagingEndpoint;
  const transports: Transport[] = [];
  let raw: Transport;
  const acks: AckItem[] = [];
  const businessAcks = new Map<string, AcknowledgementDocument>();
  let baseline: Record<string, string[]>;
  let n = 0;

  const snapshot = async () => Object.fromEntries(await Promise.all(CORE_TABLES.map(async (t) => [t, (await coreDb(t).select('*')).map((r) => JSON.stringify(r)).sort()] as const)));
  /** A valid registration of a fresh asset by `party`: accepted, it would change the registry. */
  const registration = (party = AGR, sender = party) => {
    n++;
    const mRID = `hm-${suffix}-${n}`;
    const xml = buildAssetRegistration({
      mRID,
      revisionNumber: 1,
      sender: { mRID: sender, role: MARKET_ROLE.resourceAggregator },
      receiver: { mRID: TPS, role: MARKET_ROLE.platform },
      createdDateTime: new Date().toISOString().slice(0, 19) + 'Z',
      unit: 'KWT',
      assets: [{ action: 'register', assetId: makeEic('11W', `HM${suffix}${n}`.slice(0, 12)), operator: sender, connectionPoint: makeGsrn(String(57131319900000000 + n)), produces: true, consumes: false, maxProductionW: 1000, maxConsumptionW: 0 }],
    });
    return { mRID, body: Buffer.from(xml) };
  };
  /** Encrypted for the receiver's published encryption certificate, then signed; `body` is what travels. */
  const envelope = (plaintext: Buffer, over: Partial<EnvelopeFields> = {}, identity = ids.agr!) => {
    const fields = { receiver: codes.core, businessType: 'asset-registration', senderParty: AGR, ttlMs: 60_000, ...over };
    const { envelope: e, body } = sealEnvelope(identity, fields, plaintext, directory.encryptionCertificates(fields.receiver)[0]);
    return { e, headers: toHeaders(e) as Record<string, string>, body };
  };
  const publish = (messageId: string, body: Buffer, headers: Record<string, string>) => raw.publish([{ receiver: codes.core, messageId, body, headers, priority: 0 }]);
  const acksFor = (id: string) => acks.filter((a) => a.id === id);

  before(async function () {
    this.timeout(180_000);
    const rabbit = await sharedRabbitMQ();
    ids.core = await directory.register(codes.core, [TPS]);
    ids.agr = await directory.register(codes.agr, [AGR]);
    ids.other = await directory.register(codes.other, [AGR_OTHER]);
    directory.addComponent(codes.dso, [DSO], 'DSO');
    ids.dso = await directory.issue(codes.dso);
    ids.revoked = await directory.register(codes.revoked, [makeEic('11X', 'AGR-MSG-R')]);
    directory.revokeComponent(codes.revoked);
    // Receiver-defined paths: the core takes these business types (status-request deliberately not).
    for (const bt of ['asset-registration', 'connection-point-registration', 'schedule', 'capacity-limit', 'acknowledgement', 'x-*']) directory.paths.push({ receiverCode: codes.core, sender: '*', businessType: bt } as never);
    for (const code of [codes.agr, codes.revoked]) directory.paths.push({ receiverCode: code, sender: codes.core, businessType: '*' } as never);
    coreDb = await openDatabase({ sqliteFile: ':memory:' });
    const t = new AmqpTransport({ url: rabbit.url });
    transports.push(t);
    endpoint = new MessagingEndpoint({ identity: ids.core, directory, transport: t, db: coreDb, maxPayloadBytes: MAX_PAYLOAD, pollIntervalMs: 50 });
    const messenger = new MadesMessenger({ endpoint, directory, parties: [TPS], coreParty: TPS });
    await createCore(coreDb, messenger);
    await endpoint.start();
    // The test reads the AGR components' inboxes itself: transport acks and business acks.
    raw = new AmqpTransport({ url: rabbit.url });
    transports.push(raw);
    await raw.start();
    for (const code of [codes.agr, codes.revoked]) {
      await raw.declareComponent(code);
      await raw.consumeInbox(
        code,
        (d: Delivery) => {
          const v = verifyEnvelope(d.headers, d.body, { directory, self: code, maxPayloadBytes: 1 << 20 });
          const opened = v.ok ? openPayload(v.envelope, d.body, code === codes.agr ? ids.agr! : ids.revoked!, DEFAULT_ENCRYPTION_POLICY) : undefined;
          if (v.ok && opened?.ok && v.envelope.kind === 'ACK') acks.push(...(decodeAcks(opened.payload) ?? []));
          if (v.ok && opened?.ok && v.envelope.kind === 'DOC') {
            const parsed = parseDocument(opened.payload);
            if (parsed.kind === 'acknowledgement') businessAcks.set(parsed.document.received.mRID, parsed.document);
          }
          d.ack();
        },
        { prefetch: 50 },
      );
    }
    // Control: an untampered message is RECEIVED and accepted (the checks below can fail).
    const c = registration();
    const { e, headers, body } = envelope(c.body);
    await publish(e.messageId, body, headers);
    await waitFor('control RECEIVED', () => acksFor(e.messageId).some((a) => a.status === 'RECEIVED'), 20_000);
    const ack = await waitFor('control business ack', () => businessAcks.get(c.mRID), 20_000);
    expect(ack.accepted).to.equal(true);
    baseline = await snapshot();
  });

  after(async () => {
    await endpoint?.stop();
    for (const t of transports) await t.close().catch(() => undefined);
    await coreDb?.destroy();
  });

  /** Applies one tampering and publishes; returns the message ID to follow and the document mRID. */
  async function tamper(name: string): Promise<{ id: string; mRID: string; extra?: () => Promise<void> }> {
    const doc = registration();
    const { mRID } = doc;
    const plain = doc.body;
    const signed = (over: Partial<EnvelopeFields> = {}, identity = ids.agr!) => envelope(plain, over, identity);
    const send = async (b: Buffer, h: Record<string, string>, id: string) => {
      await publish(id, b, h);
      return { id, mRID };
    };
    const flip = (h: Record<string, string>, k: string, v: string) => ({ ...h, [k]: v });
    switch (name) {
      case 'payload-byte-flipped': {
        const { e, headers, body } = signed();
        const b = Buffer.from(body);
        b[b.length - 20] = b[b.length - 20]! ^ 0x01;
        return send(b, headers, e.messageId);
      }
      case 'payload-swapped': {
        const { e, headers } = signed();
        return send(envelope(registration().body).body, headers, e.messageId);
      }
      case 'payload-appended': {
        const { e, headers, body } = signed();
        return send(Buffer.concat([body, Buffer.from('<!-- more -->')]), headers, e.messageId);
      }
      case 'header-business-type': {
        const { e, headers, body } = signed();
        return send(body, flip(headers, Header.businessType, 'schedule'), e.messageId);
      }
      case 'header-sender-party': {
        const { e, headers, body } = signed();
        return send(body, flip(headers, Header.senderParty, AGR_OTHER), e.messageId);
      }
      case 'header-ttl': {
        const { e, headers, body } = signed();
        return send(body, flip(headers, Header.ttlMs, String(300 * 24 * 3600 * 1000)), e.messageId);
      }
      case 'header-priority': {
        const { e, headers, body } = signed();
        return send(body, flip(headers, Header.priority, '9'), e.messageId);
      }
      case 'header-ba-id': {
        const { e, headers, body } = signed({ baMessageId: 'original' });
        return send(body, flip(headers, Header.baMessageId, 'changed'), e.messageId);
      }
      case 'header-created': {
        const { e, headers, body } = signed();
        return send(body, flip(headers, Header.created, new Date(Date.now() - 1000).toISOString()), e.messageId);
      }
      case 'signature-reused': {
        const { e, headers, body } = signed();
        const other = signed();
        return send(body, flip(headers, Header.signature, other.e.signature), e.messageId);
      }
      case 'signature-garbage': {
        const { e, headers, body } = signed();
        return send(body, flip(headers, Header.signature, Buffer.alloc(64, 7).toString('base64url')), e.messageId);
      }
      case 'signature-missing': {
        const { e, headers, body } = signed();
        const h = { ...headers };
        delete h[Header.signature];
        return send(body, h, e.messageId);
      }
      case 'header-control-char': {
        const { e, headers, body } = signed({ baMessageId: 'x' });
        return send(body, flip(headers, Header.baMessageId, 'x\nTPS-MADES/1'), e.messageId);
      }
      case 'wrong-key': {
        const stranger = await new TestDirectory().issue(codes.agr);
        const { e, headers, body } = signed({}, { ...ids.agr!, signingKey: stranger.signingKey });
        return send(body, headers, e.messageId);
      }
      case 'unknown-serial': {
        const { e, headers, body } = signed({}, { ...ids.agr!, serial: 'ABCDEF0123456789' });
        return send(body, headers, e.messageId);
      }
      case 'revoked-certificate': {
        const old = await directory.issue(codes.agr);
        directory.revokeCertificate(codes.agr, old.serial);
        const { e, headers, body } = signed({}, old);
        return send(body, headers, e.messageId);
      }
      case 'expired-certificate': {
        const old = await directory.issue(codes.agr, { notBefore: new Date(Date.now() - 10 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) });
        const { e, headers, body } = signed({}, old);
        return send(body, headers, e.messageId);
      }
      case 'future-certificate': {
        const early = await directory.issue(codes.agr, { notBefore: new Date(Date.now() + 86_400_000), notAfter: new Date(Date.now() + 10 * 86_400_000) });
        const { e, headers, body } = signed({}, early);
        return send(body, headers, e.messageId);
      }
      case 'revoked-component': {
        const { e, headers, body } = envelope(plain, { senderParty: makeEic('11X', 'AGR-MSG-R') }, ids.revoked!);
        return send(body, headers, e.messageId);
      }
      case 'unknown-component': {
        const stranger = await new TestDirectory().register(codes.stranger, [AGR]);
        const { e, headers, body } = envelope(plain, {}, stranger);
        return send(body, headers, e.messageId);
      }
      case 'replay-same': {
        const { e, headers, body } = signed();
        await publish(e.messageId, body, headers);
        await waitFor('first copy', () => acksFor(e.messageId).length >= 1, 20_000);
        return send(body, headers, e.messageId);
      }
      case 'replay-other': {
        const { e, headers, body } = signed();
        await publish(e.messageId, body, headers);
        await waitFor('first copy', () => acksFor(e.messageId).length >= 1, 20_000);
        // Roll back the effect check for this case: the first copy was legitimate; only the second matters.
        const second = registration();
        const other = envelope(second.body, { messageId: e.messageId });
        await publish(e.messageId, other.body, other.headers);
        return { id: e.messageId, mRID: second.mRID };
      }
      case 'wrong-receiver': {
        const { e, headers, body } = signed({ receiver: codes.dso });
        return send(body, headers, e.messageId);
      }
      case 'ttl-expired': {
        const { e, headers, body } = signed({ created: new Date(Date.now() - 120_000), ttlMs: 60_000 });
        return send(body, headers, e.messageId);
      }
      case 'created-future': {
        const { e, headers, body } = signed({ created: new Date(Date.now() + 3_600_000) });
        return send(body, headers, e.messageId);
      }
      case 'party-not-represented': {
        const { e, headers, body } = signed({ senderParty: AGR_OTHER });
        return send(body, headers, e.messageId);
      }
      case 'party-dso': {
        const { e, headers, body } = signed({ senderParty: DSO });
        return send(body, headers, e.messageId);
      }
      case 'document-party-mismatch': {
        const d = registration(AGR, AGR_OTHER);
        const { e, headers, body } = envelope(d.body);
        return { ...(await send(body, headers, e.messageId)), mRID: d.mRID };
      }
      case 'business-type-mismatch': {
        const { e, headers, body } = signed({ businessType: 'schedule' });
        return send(body, headers, e.messageId);
      }
      case 'unknown-business-type': {
        const { e, headers, body } = signed({ businessType: 'x-unknown' });
        return send(body, headers, e.messageId);
      }
      case 'path-closed': {
        const { e, headers, body } = signed({ businessType: 'status-request' });
        return send(body, headers, e.messageId);
      }
      case 'oversized': {
        const big = Buffer.concat([plain, Buffer.alloc(MAX_PAYLOAD, 0x20)]);
        const { e, headers, body } = envelope(big);
        return send(body, headers, e.messageId);
      }
      case 'xxe-payload': {
        const xxe = Buffer.from(`<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><AssetRegistration_MarketDocument xmlns="urn:tps:62325:assetregistrationdocument:1:0"><mRID>&x;</mRID></AssetRegistration_MarketDocument>`);
        const ba = `hm-xxe-${suffix}`;
        const { e, headers, body } = envelope(xxe, { baMessageId: ba });
        await publish(e.messageId, body, headers);
        return { id: e.messageId, mRID: ba };
      }
      // Payload encryption (F1/NF3).
      case 'enc-alg-unknown': {
        const { e, headers, body } = signed();
        return send(body, flip(headers, Header.enc, 'ECDH-ES+A128KW/A128GCM'), e.messageId);
      }
      case 'enc-headers-partial': {
        const { e, headers, body } = signed();
        const h = { ...headers };
        delete h[Header.encIv];
        return send(body, h, e.messageId);
      }
      case 'enc-serial-tampered': {
        const { e, headers, body } = signed();
        return send(body, flip(headers, Header.encSerial, ids.dso!.encryptionSerial), e.messageId);
      }
      case 'enc-serial-wrong': {
        // The sender signs a serial the core holds no key for: signature fine, decryption impossible.
        const { e, body } = signed();
        const wrong = signEnvelope(ids.agr!, { receiver: codes.core, businessType: 'asset-registration', senderParty: AGR, ttlMs: 60_000, messageId: e.messageId, encryption: { ...e.encryption!, serial: 'ABCDEF0123456789' } }, body);
        return send(body, toHeaders(wrong) as Record<string, string>, e.messageId);
      }
      case 'enc-ciphertext-tampered': {
        const { e, headers, body } = signed();
        const b = Buffer.from(body);
        b[7] = b[7]! ^ 0x01;
        return send(b, headers, e.messageId);
      }
      case 'enc-ciphertext-resigned': {
        const { e, body } = signed();
        const b = Buffer.from(body);
        b[7] = b[7]! ^ 0x01;
        const resigned = signEnvelope(ids.agr!, { receiver: codes.core, businessType: 'asset-registration', senderParty: AGR, ttlMs: 60_000, messageId: e.messageId, encryption: e.encryption! }, b);
        return send(b, toHeaders(resigned) as Record<string, string>, e.messageId);
      }
      case 'enc-for-other-receiver': {
        const fields = { receiver: codes.core, businessType: 'asset-registration', senderParty: AGR, ttlMs: 60_000 };
        const { envelope: e, body } = sealEnvelope(ids.agr!, fields, plain, directory.encryptionCertificates(codes.dso)[0]);
        return send(body, toHeaders(e) as Record<string, string>, e.messageId);
      }
      case 'plaintext-doc': {
        const e = signEnvelope(ids.agr!, { receiver: codes.core, businessType: 'asset-registration', senderParty: AGR, ttlMs: 60_000 }, plain);
        return send(plain, toHeaders(e) as Record<string, string>, e.messageId);
      }
      default:
        throw new Error(`no tampering named ${name}`);
    }
  }

  it('F1: the corpus holds at least 20 messaging cases, each naming what it proves', () => {
    expect(cases.length).to.be.at.least(20);
    for (const c of cases) expect(c.proves, c.file).to.be.a('string').with.length.greaterThan(10);
  });

  for (const c of cases) {
    it(`${c.requirement}: ${c.file} — ${c.proves}`, async function () {
      this.timeout(30_000);
      const outcome = { case: c.file, clearError: false, crashed: false, stateChanged: false, detail: '' };
      try {
        const { id, mRID } = await tamper(c.tamper);
        const x = c.expect;
        if (x.transport === 'FAILED') {
          const failed = await waitFor(`FAILED ${x.reason}`, () => acksFor(id).find((a) => a.status === 'FAILED'), 20_000);
          outcome.detail = `${failed.status} ${failed.reason}`;
          expect(failed.reason).to.equal(x.reason);
        } else if (x.transport === 'RECEIVED') {
          const ack = await waitFor('business acknowledgement', () => businessAcks.get(mRID), 20_000);
          outcome.detail = JSON.stringify(ack.reasons);
          expect(ack.accepted).to.equal(false);
          expect(ack.reasons.map((r) => r.code)).to.include(x.reasonCode);
        } else if (x.transport === 'RECEIVED-ONCE') {
          // The copy is found in the inbox table (same digest): taken off the queue without effect.
          await sleep(1_500);
          outcome.detail = acksFor(id).map((a) => a.status).join(',');
          expect(acksFor(id).length).to.be.at.least(1);
          expect(acksFor(id).every((a) => a.status === 'RECEIVED'), 'never FAILED').to.equal(true);
          const audited = await coreDb('core_audit').where({ message_id: id });
          expect(audited, 'handled once').to.have.length(1);
        } else {
          // No acknowledgement can be addressed to an unknown or revoked signer: the message is
          // dead-lettered; what matters is that nothing of it is applied.
          await sleep(1_500);
          outcome.detail = `acks: ${JSON.stringify(acksFor(id))}`;
          expect(acksFor(id).some((a) => a.status === 'RECEIVED'), 'never RECEIVED').to.equal(false);
          expect(await coreDb('core_audit').where({ message_id: id }), 'never handled').to.have.length(0);
        }
        outcome.clearError = true;
      } finally {
        record(GROUP, outcome);
      }
    });
  }

  it('F1: the consumer stays up (an untampered message is still RECEIVED and accepted) and the core state is unchanged except by the legitimate first copies', async function () {
    this.timeout(30_000);
    const now = await snapshot();
    // Only the replay cases' first copies were legitimate (and accepted): exactly two new assets.
    const accepted = await coreDb('core_audit').where({ decision: 'accepted' });
    const changed = accepted.length !== 3 || now.core_assets!.length !== baseline.core_assets!.length + 2 || now.core_limits!.join() !== baseline.core_limits!.join() || now.core_schedule_series!.join() !== baseline.core_schedule_series!.join();
    recordGroupState(GROUP, changed);
    expect(accepted, 'control + the two legitimate first copies of the replay cases').to.have.length(3);
    expect(now.core_assets).to.have.length(baseline.core_assets!.length + 2);
    for (const t of ['core_connection_points', 'core_limits', 'core_splits', 'core_schedule_series']) expect(now[t], t).to.deep.equal(baseline[t]);
    const c = registration();
    const { e, headers, body } = envelope(c.body);
    await publish(e.messageId, body, headers);
    await waitFor('RECEIVED after the corpus', () => acksFor(e.messageId).some((a) => a.status === 'RECEIVED'), 20_000);
    expect((await waitFor('accepted', () => businessAcks.get(c.mRID), 20_000)).accepted).to.equal(true);
  });
});
