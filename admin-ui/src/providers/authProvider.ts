import type { AuthProvider, UserIdentity } from 'react-admin';
import type { Role } from '../roles';
import { httpClient, setCsrfToken } from './httpClient';

export interface StaffIdentity extends UserIdentity {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  partnerId: string | null;
}

interface SessionResponse {
  user: { id: string; email: string; displayName: string; role: Role; partnerId: string | null };
  csrfToken: string;
}

let signedIn: StaffIdentity | null = null;
// checkAuth, getPermissions and getIdentity run together on load; they share one /me request.
let pendingSession: Promise<StaffIdentity> | null = null;

function remember({ user, csrfToken }: SessionResponse): StaffIdentity {
  setCsrfToken(csrfToken);
  signedIn = { id: user.id, email: user.email, fullName: user.displayName, role: user.role, partnerId: user.partnerId };
  return signedIn;
}

function forget(): void {
  signedIn = null;
  pendingSession = null;
  setCsrfToken(null);
}

function currentSession(): Promise<StaffIdentity> {
  if (signedIn) return Promise.resolve(signedIn);
  pendingSession ??= httpClient<SessionResponse>('/api/auth/me')
    .then(remember)
    .finally(() => {
      pendingSession = null;
    });
  return pendingSession;
}

export const authProvider: AuthProvider = {
  async login({ username, password }: { username: string; password: string }) {
    forget();
    remember(await httpClient<SessionResponse>('/api/auth/login', { method: 'POST', body: { email: username, password } }));
  },

  async logout() {
    if (signedIn) {
      // The session may already be gone on the server; signing out locally is what matters.
      await httpClient('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
    }
    forget();
  },

  async checkAuth() {
    // No notification: a first visit simply shows the login page.
    await currentSession().catch(() => Promise.reject({ message: false }));
  },

  async checkError(error: { status?: number }) {
    // Only an expired or missing session signs the user out. A 403 keeps them signed in:
    // the failed call then shows its own "権限がありません" notification (see httpClient).
    if (error?.status === 401) throw { message: 'yorisoi.auth.session_expired' };
  },

  async getPermissions() {
    return (await currentSession()).role;
  },

  async getIdentity() {
    return currentSession();
  },
};
