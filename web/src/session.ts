import { createContext, useContext } from 'react';
import type { User } from './api.ts';

export interface Session {
  user: User;
  logout(): Promise<void>;
  /** Re-reads the signed-in user (after a password change, say). */
  refresh(): Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in user; only valid inside the shell. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside the signed-in shell');
  return s;
}
