// All repositories bound to one knex handle — inside a handler that is the document's transaction,
// so the effect, the outgoing documents and the audit rows commit together (one transaction).
import type { Knex } from 'knex';
import { RegistryRepository } from './registry.repository.js';
import { ReceivedRepository } from './received.repository.js';
import { ScheduleRepository } from './schedule.repository.js';
import { LimitRepository } from './limit.repository.js';
import { ForwardRepository } from './forward.repository.js';
import { AuditRepository } from './audit.repository.js';

export interface Repositories {
  registry: RegistryRepository;
  received: ReceivedRepository;
  schedules: ScheduleRepository;
  limits: LimitRepository;
  forwards: ForwardRepository;
  audit: AuditRepository;
}

export function repositories(db: Knex): Repositories {
  return {
    registry: new RegistryRepository(db),
    received: new ReceivedRepository(db),
    schedules: new ScheduleRepository(db),
    limits: new LimitRepository(db),
    forwards: new ForwardRepository(db),
    audit: new AuditRepository(db),
  };
}
