// The two DREM use cases played end to end through the REST facades only, as DSOs and
// AGR/BRPs would: the demo (`tps demo`) narrates it, the e2e tests assert on what it returns.
import type { Cast } from './cast.js';
import { makeActors, refreshSent, type SentRecord } from './actors.js';
import type { Narrator } from './narrator.js';
import type { RestClient } from './rest-client.js';
import { registerGridAndAssets, submitSchedulesAndFetch, type RegistrationResult, type ScheduleResult } from './registration.step.js';
import { foreseenLimit, unforeseenSignal, type ForeseenResult, type UnforeseenResult } from './limits.step.js';

export interface ScenarioRun {
  cast: Cast;
  registration: RegistrationResult;
  schedules: ScheduleResult;
  foreseen: ForeseenResult;
  unforeseen: UnforeseenResult;
  /** Every document a party sent over REST, with its final tracking and business acknowledgement. */
  sent: SentRecord[];
}

export async function playDremScenario(cast: Cast, clients: ReadonlyMap<string, RestClient>, narrator: Narrator): Promise<ScenarioRun> {
  const actors = makeActors(cast, clients, narrator);
  narrator.step(1, 'Registration (F4): DSOs register connection points, AGR/BRPs their assets');
  const registration = await registerGridAndAssets(actors);
  narrator.step(2, 'Day-ahead (F8, F5, F9): schedules in; each DSO fetches its assets and plans — no operator visible');
  const schedules = await submitSchedulesAndFetch(actors);
  narrator.step(3, 'Foreseen capacity issue (F6, F7): limit over quarter hours, fair split, update, cancel');
  const foreseen = await foreseenLimit(actors);
  narrator.step(4, 'Unforeseen capacity issue (F6): stop / hold until T, delivered at once');
  const unforeseen = await unforeseenSignal(actors);
  await refreshSent(actors);
  return { cast, registration, schedules, foreseen, unforeseen, sent: actors.sent };
}
