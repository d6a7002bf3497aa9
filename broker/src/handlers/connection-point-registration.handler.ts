// F4a connection points: a DSO adds and removes the points of its grid. Assets already stored on
// a newly added point become visible to it, and a removed point's assets disappear from its list:
// either way the DSO is owed a new asset-list snapshot (F5a push, sent by the flusher:
// outgoing/asset-list-flusher.ts).
import { runRules } from '../domain/rule.js';
import { CONNECTION_POINT_RULES } from '../domain/rule-sets.js';
import type { ConnectionPointRegistrationDocument } from '../outgoing/wire.js';
import type { HandlerContext } from './context.js';
import { rejected, type HandlerResult } from './result.js';

export async function handleConnectionPointRegistration(ctx: HandlerContext, doc: ConnectionPointRegistrationDocument): Promise<HandlerResult> {
  const dso = ctx.received.senderParty;
  const registry = ctx.repos.registry;
  const failure = await runRules(CONNECTION_POINT_RULES, { sender: dso, doc }, registry);
  if (failure) return rejected(failure);

  let added = 0;
  let removed = 0;
  let unchanged = 0;
  for (const entry of doc.connectionPoints) {
    const owner = await registry.findConnectionPointOwner(entry.connectionPoint);
    if (entry.action === 'add') {
      if (owner === dso) {
        unchanged++;
        continue;
      }
      await registry.addConnectionPoint({ connectionPoint: entry.connectionPoint, dso, registeredAt: ctx.now }, ctx.received.messageId);
      added++;
    } else {
      await registry.removeConnectionPoint(entry.connectionPoint, dso, ctx.now, ctx.received.messageId);
      removed++;
    }
  }
  // A changed grid is a changed list, even when it is now empty.
  if (added + removed > 0) await registry.markAssetListPending(dso, ctx.now);
  return { kind: 'accepted', detail: { added, removed, unchanged } };
}
