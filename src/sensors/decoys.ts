/**
 * What the sensors need to know about decoys. The decoys capability (src/blur) owns the registry;
 * this small interface keeps the sensors testable and lets them run before a kit exists.
 */
export interface DecoyInfo {
  artifactId: string;
  /** Human name of the artifact: file name or mail subject. */
  artifactLabel: string;
  /** Persona that "owns" the artifact: display name and address. */
  persona: string;
  /** Mailbox the artifact was planted in (an address). */
  mailbox: string;
  deploymentId: string | null;
  deploymentLabel: string | null;
  /** When the artifact was planted (deployed), ISO; null if generated but never deployed. */
  plantedAt: string | null;
}

export interface DecoyLookup {
  /** The artifact whose beacon carries this token. */
  byBeaconToken(token: string): Promise<DecoyInfo | undefined>;
  /** A decoy account (persona mailbox or honey credential login), by user name or address. */
  byAccount(username: string): Promise<DecoyInfo | undefined>;
  /**
   * The honey credential whose password this is (compares keyed hashes; the password is not kept).
   * Any honey password counts, whatever login it comes with: only a reader of the decoy knows it.
   */
  checkHoneyPassword(username: string, password: string): Promise<DecoyInfo | undefined>;
}

/** No decoys registered: every token is junk, no account is a decoy. */
export const emptyDecoyLookup: DecoyLookup = {
  byBeaconToken: async () => undefined,
  byAccount: async () => undefined,
  checkHoneyPassword: async () => undefined,
};
