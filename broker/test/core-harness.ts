// Starts a core on a fresh database with a RecordingMessenger (component-test seam) and sets up
// the shared scenario: 2 DSOs, 3 AGR/BRPs, connection points shared by several AGRs.
import { expect } from 'chai';
import type { Database } from '../../packages/storage/src/index.js';
import { createCore, type Core } from '../src/core.js';
import { RecordingMessenger, type SentDocument } from './recording-messenger.js';
import { AGR1, AGR2, AGR3, CP, DSO1, DSO2, TPS, ackOf, asset, assetRegistration, connectionPoints, type Inbound } from './fixtures.js';

export interface Harness {
  db: Database;
  core: Core;
  messenger: RecordingMessenger;
  send(doc: Inbound): Promise<SentDocument[]>;
}

export async function startHarness(db: Database, now = () => new Date('2026-03-01T09:00:00Z')): Promise<Harness> {
  const messenger = await new RecordingMessenger(db, [TPS]).install();
  const core = await createCore(db, messenger, { now });
  // Asset lists are pushed by the core's flusher after the registration commits (coalesced); the
  // tests here read what one delivery caused, so each send also flushes the lists it made owed.
  const send = async (doc: Inbound): Promise<SentDocument[]> => {
    const before = (await messenger.sent()).length;
    await messenger.deliver(doc);
    await core.flushAssetLists();
    return (await messenger.sent()).slice(before);
  };
  return { db, core, messenger, send };
}

/** Assets of the scenario: A1-x of AGR1, A2-x of AGR2, A3-x of AGR3. */
export const A = {
  a11: asset('A1-1'), // AGR1 on d1a (shared with AGR2)
  a12: asset('A1-2'), // AGR1 on d2a (shared with AGR3)
  a21: asset('A2-1'), // AGR2 on d1a
  a22: asset('A2-2'), // AGR2 on d1b
  a31: asset('A3-1'), // AGR3 on d2a
  a32: asset('A3-2'), // AGR3 on d2b
};

export async function setupScenario(h: Harness): Promise<void> {
  const acks = [
    await h.send(connectionPoints(DSO1, [{ connectionPoint: CP.d1a }, { connectionPoint: CP.d1b }])),
    await h.send(connectionPoints(DSO2, [{ connectionPoint: CP.d2a }, { connectionPoint: CP.d2b }])),
    await h.send(assetRegistration(AGR1, [{ assetId: A.a11, connectionPoint: CP.d1a }, { assetId: A.a12, connectionPoint: CP.d2a }])),
    await h.send(assetRegistration(AGR2, [{ assetId: A.a21, connectionPoint: CP.d1a }, { assetId: A.a22, connectionPoint: CP.d1b }])),
    await h.send(assetRegistration(AGR3, [{ assetId: A.a31, connectionPoint: CP.d2a }, { assetId: A.a32, connectionPoint: CP.d2b }])),
  ];
  for (const sent of acks) expect(ackOf(sent).accepted, 'scenario set-up accepted').to.equal(true);
}
