// Which documents must travel encrypted (F1, NF3): per business type, on by default. The same
// policy decides on both sides: the sender encrypts exactly the business types it requires, and
// the receiver refuses a plaintext document of a business type it requires (ENCRYPTION_REQUIRED).
// Encrypted documents are always decrypted, whatever the policy. Transport acknowledgements (ACK
// envelopes) carry no grid data and are never encrypted.

export interface EncryptionPolicy {
  /** 'required' (default): every business type except `exempt`; 'off': nothing is encrypted or required. */
  mode: 'required' | 'off';
  /** Business types (exact names) that travel in clear under 'required'. */
  exempt?: readonly string[];
}

export const DEFAULT_ENCRYPTION_POLICY: EncryptionPolicy = { mode: 'required', exempt: [] };

export function encryptionRequired(policy: EncryptionPolicy, businessType: string): boolean {
  return policy.mode === 'required' && !(policy.exempt ?? []).includes(businessType);
}
