// The parties of a scenario as REST callers, and the record of every document they sent.
import type { Cast } from './cast.js';
import { partyName } from './cast.js';
import type { Narrator } from './narrator.js';
import type { RestClient } from './rest-client.js';
import type { MessageStatusView } from './rest-views.js';
import { eventually } from './wait.js';

export interface SentRecord {
  party: string;
  messageId: string;
  /** What the call did, for the summary. */
  what: string;
  /** A business acknowledgement (451-1) from the core is expected (not for StatusRequests: answered by a document). */
  expectAck: boolean;
  /** Final state read over REST (GET /messages/{id}). */
  final?: MessageStatusView;
}

export interface Actors {
  cast: Cast;
  narrator: Narrator;
  client(party: string): RestClient;
  /** Every document the parties sent, in order. */
  sent: SentRecord[];
  /** Seconds for long-polls that must see something (a hung run ends with a timeout error). */
  waitSeconds: number;
}

export function makeActors(cast: Cast, clients: ReadonlyMap<string, RestClient>, narrator: Narrator, waitSeconds = 30): Actors {
  return {
    cast,
    narrator,
    sent: [],
    waitSeconds,
    client: (party) => {
      const c = clients.get(party);
      if (!c) throw new Error(`no REST client (token) for ${partyName(cast, party)} ${party}`);
      return c;
    },
  };
}

/** Normalised business outcome: AGR says ACCEPTED/REJECTED/PENDING, DSO accepted/rejected/pending. */
export function ackOutcome(m: MessageStatusView): 'ACCEPTED' | 'REJECTED' | 'PENDING' {
  const v = (m.acknowledgement.outcome ?? m.acknowledgement.state ?? 'pending').toUpperCase();
  return v === 'ACCEPTED' || v === 'REJECTED' ? v : 'PENDING';
}

/** Records a sent document and waits until it was received by the core and (if expected) answered. */
export async function settle(actors: Actors, party: string, messageId: string, what: string, expectAck = true): Promise<MessageStatusView> {
  const record: SentRecord = { party, messageId, what, expectAck };
  actors.sent.push(record);
  const final = await eventually(`${partyName(actors.cast, party)}: outcome of ${what} (${messageId})`, async () => {
    const m = await actors.client(party).get<MessageStatusView>(`/messages/${encodeURIComponent(messageId)}`);
    const transported = m.tracking?.state === 'RECEIVED' || m.tracking?.state === 'FAILED';
    const answered = !expectAck || ackOutcome(m) !== 'PENDING' || m.tracking?.state === 'FAILED';
    return transported && answered ? m : undefined;
  });
  record.final = final;
  return final;
}

/** Re-reads the final status of every sent document (the summary's source of truth). */
export async function refreshSent(actors: Actors): Promise<void> {
  for (const r of actors.sent) {
    r.final = await actors.client(r.party).get<MessageStatusView>(`/messages/${encodeURIComponent(r.messageId)}`);
  }
}
