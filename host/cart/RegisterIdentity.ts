/** Who this register is, as the sales it records name it. */
export interface RegisterIdentity {
  readonly registerId: string;
  readonly storeNumber: string;
  readonly terminalId: string;
}

/**
 * Splits a register id like `S001-T01` (the demo catalogue's form). The host needs this before it
 * can reach the scale unit, and a sale made offline must still name its store and terminal.
 */
export function registerIdentityOf(registerId: string): RegisterIdentity {
  const at = registerId.lastIndexOf('-');
  if (at <= 0) return { registerId, storeNumber: registerId, terminalId: registerId };
  return { registerId, storeNumber: registerId.slice(0, at), terminalId: registerId.slice(at + 1) };
}
