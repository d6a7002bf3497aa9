// Shared set-up of the end-to-end DREM tests: a private RabbitMQ (harness) with one virtual host
// per platform, so these runs never meet another suite's queues of the same component codes.
import { randomBytes } from 'node:crypto';
import { sharedRabbitMQ } from '../../packages/testing/src/index.js';
import { split } from '../../packages/fairness/src/index.js';
import { capacityW, plannedW, type Cast, type CastAsset } from '../../packages/scenarios/src/index.js';

export async function freshVhostUrl(): Promise<string> {
  const rabbit = await sharedRabbitMQ();
  const vhost = `tps-e2e-${randomBytes(4).toString('hex')}`;
  await rabbit.ctl(['add_vhost', vhost]);
  await rabbit.ctl(['set_permissions', '-p', vhost, 'guest', '.*', '.*', '.*']);
  return `${rabbit.url}/${vhost}`;
}

/**
 * The split the policy prescribes for one quarter hour, computed independently by the fairness
 * package from the cast (capacities from the registrations, needs from the submitted schedules).
 */
export function expectedSplit(cast: Cast, assets: CastAsset[], policy: string, limitW: number, quarter: number): Record<string, number> {
  const direction = cast.foreseen.direction;
  return split({
    limitW,
    direction,
    policy,
    assets: assets.map((a) => ({ id: a.assetId, operator: a.operator, capacityW: capacityW(a, direction), plannedW: plannedW(a, direction, quarter) })),
  }).grants;
}

/** Every identifier in `text` from `forbidden` (EICs, asset IDs): for privacy scans. */
export function named(text: string, forbidden: readonly string[]): string[] {
  return forbidden.filter((id) => text.includes(id));
}
