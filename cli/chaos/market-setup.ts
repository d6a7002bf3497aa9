// Before any fault: the DSOs register their connection points, the AGR/BRPs their assets, each
// asset gets its schedule (revision 1) and each limit its revision 1, all through the REST
// facades and each waited for until the core acknowledged it. The load then only sends new
// revisions of these documents, so every load request has a stable identity (mRID + revision).
import { RestClient, ackOutcome, eventually, type MessageStatusView } from '../../packages/scenarios/src/index.js';
import { limitBody, scheduleBody, type ChaosWorld } from './chaos-world.js';

export interface MarketClients {
  client(party: string): RestClient;
}

export interface PreparedMarket {
  /** Schedule ID per asset ID (the AGR endpoint chose it). */
  scheduleIds: Map<string, string>;
  /** Setup documents sent (all acknowledged ACCEPTED by the core). */
  setupDocuments: number;
}

const SETTLE_MS = 180_000;

async function acknowledged(client: RestClient, messageId: string, what: string): Promise<void> {
  const m = await eventually(
    `${client.label}: the core's acknowledgement of ${what}`,
    async () => {
      const s = await client.get<MessageStatusView>(`/messages/${encodeURIComponent(messageId)}`);
      return ackOutcome(s) === 'PENDING' && s.tracking?.state !== 'FAILED' ? undefined : s;
    },
    SETTLE_MS,
    200,
  );
  if (ackOutcome(m) !== 'ACCEPTED') throw new Error(`${what} was not accepted by the core: ${JSON.stringify(m)}`);
}

export async function prepareMarket(world: ChaosWorld, clients: MarketClients, log: (l: string) => void): Promise<PreparedMarket> {
  let setupDocuments = 0;
  for (const dso of world.dsos) {
    const c = clients.client(dso);
    const ids = world.assets.filter((a) => a.dso === dso).map((a) => a.connectionPointId);
    const sent = await c.post<{ messageId: string }>('/connection-points', { connectionPointIds: ids });
    setupDocuments++;
    await acknowledged(c, sent.messageId, `${ids.length} connection points`);
  }
  for (const agr of world.agrs) {
    const c = clients.client(agr);
    const mine = world.assets.filter((a) => a.operator === agr);
    const assets = mine.map((a) => ({ assetId: a.assetId, connectionPointId: a.connectionPointId, produces: true, consumes: true, maxProductionW: 1_000_000, maxConsumptionW: 1_000_000, name: `chaos ${a.index}` }));
    const sent = await c.post<{ messageId: string }>('/assets', { assets });
    setupDocuments++;
    await acknowledged(c, sent.messageId, `${assets.length} assets`);
  }
  // F5: a DSO names assets in a limit only once the core pushed them into its mirror.
  for (const dso of world.dsos) {
    const c = clients.client(dso);
    const expected = world.assets.filter((a) => a.dso === dso).map((a) => a.assetId);
    await eventually(`${dso}: its ${expected.length} assets in the mirror`, async () => {
      const list = await c.get<{ assets: Array<{ assetId: string }> }>('/assets');
      return expected.every((id) => list.assets.some((a) => a.assetId === id)) ? true : undefined;
    }, SETTLE_MS, 500);
  }
  log(`market: ${world.dsos.length} DSOs, ${world.agrs.length} AGR/BRPs, ${world.assets.length} assets and connection points`);

  const scheduleIds = new Map<string, string>();
  const pending: Array<{ c: RestClient; messageId: string; what: string }> = [];
  for (const a of world.assets) {
    const c = clients.client(a.operator);
    const sent = await c.post<{ scheduleId: string; messageId: string }>('/schedules', scheduleBody(world, a, 1));
    scheduleIds.set(a.assetId, sent.scheduleId);
    pending.push({ c, messageId: sent.messageId, what: `schedule ${sent.scheduleId}` });
  }
  for (const l of world.limits) {
    const c = clients.client(l.dso);
    const sent = await c.post<{ messageId: string }>('/capacity-limits/foreseen', limitBody(world, l, 1));
    pending.push({ c, messageId: sent.messageId, what: `limit ${l.limitId}` });
  }
  for (const p of pending) await acknowledged(p.c, p.messageId, p.what);
  setupDocuments += pending.length;
  log(`market: ${scheduleIds.size} schedules and ${world.limits.length} limits at revision 1, acknowledged`);
  return { scheduleIds, setupDocuments };
}
