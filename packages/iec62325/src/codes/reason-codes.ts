// The 451-1 reason codes (ENTSO-E ReasonCodeTypeList, code lists v94) that the platform uses:
// acknowledgement outcomes and rejection causes, and the reasons a DSO gives for a capacity limit.
// Kept equal to Tps_ReasonCode_String in xsd/tps-esmp-types.xsd (reason-codes.test.ts checks it);
// the conformance tests check each code against the official code list.
export const REASON_CODES = {
  '999': 'Errors not specifically identified',
  A01: 'Message fully accepted',
  A02: 'Message fully rejected',
  A03: 'Message contains errors at the time series level',
  A04: 'Time interval incorrect',
  A20: 'Time series fully rejected',
  A41: 'Resolution inconsistency',
  A42: 'Quantity inconsistency',
  A49: 'Position inconsistency',
  A50: 'Senders time series version conflict',
  A51: 'Message identification or version conflict',
  A53: 'Receiving party incorrect',
  A55: 'Time series identification conflict',
  A57: 'Deadline limit exceeded/Gate not open',
  A59: 'Not compliant to local market rules',
  A62: 'Invalid business type',
  A64: 'Resource Object Invalid',
  A69: 'Mandatory attributes missing',
  A78: 'Sender identification and/or role invalid',
  A79: 'Process type invalid',
  A94: 'Document cannot be processed by receiving system',
  A95: 'Complementary information',
  A96: 'Technical constraint',
  A98: 'Network security curtailment',
  B01: 'Incomplete document',
  B18: 'Failure',
  B19: 'Foreseen maintenance',
  B24: 'Load flow overload',
  B26: 'Emergency situation curtailment',
  B35: 'Overload',
  B37: 'Voltage constraint',
  B46: 'Internal congestion',
  B47: 'Operational security constraints',
  B70: 'Message partially accepted',
} as const;

export type ReasonCode = keyof typeof REASON_CODES;

export function isReasonCode(code: string): code is ReasonCode {
  return Object.hasOwn(REASON_CODES, code);
}
