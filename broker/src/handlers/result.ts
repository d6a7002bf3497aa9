// What a business handler decides. A rejection is a value, never a throw: the dispatcher answers
// it with a negative acknowledgement and the handler has applied nothing (rules run first).
import type { Rejection } from '../domain/types.js';
import type { Reason } from '../outgoing/wire.js';

export type HandlerResult =
  | { kind: 'rejected'; rejection: Rejection & { rule?: string } }
  | {
      kind: 'accepted';
      /** True when the handler already answered with a business document (F5a/F9a answers). */
      answered?: boolean;
      /** Extra reasons on the positive acknowledgement (e.g. A95 complementary information). */
      reasons?: Reason[];
      /** Unforeseen signals: answer and fan-out go out as emergency. */
      emergency?: boolean;
      detail?: Record<string, unknown>;
      /** Sent after the acknowledgement, in the same transaction (F6a split read-back to the DSO). */
      afterAck?: () => Promise<void>;
    };

export function rejected(rejection: Rejection & { rule?: string }): HandlerResult {
  return { kind: 'rejected', rejection };
}
