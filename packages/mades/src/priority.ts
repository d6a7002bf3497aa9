/**
 * Messages at or above this priority (emergency signals: unforeseen limits and what answers them,
 * priority 9) take the emergency lane on both sides: the relay publishes them from memory right
 * after their commit instead of waiting for its next database batch (outbox/relay.ts), and the
 * receiving inbox handles them before any waiting normal delivery (inbox/inbox-consumer.ts).
 * RabbitMQ priorities only reorder inside a queue; these are the parts the processes themselves owe
 * (benchmark 2, docs/PERFORMANCE.md).
 */
export const URGENT_PRIORITY = 9;
