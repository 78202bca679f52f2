import type { AuthProvider, UserIdentity } from 'react-admin';
import type { Role } from '../roles';
import { httpClient, setCsrfToken } from './httpClient';
import { clearReplyDrafts } from '../consultations/replyDraft';

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

// The session cookie is httpOnly, so the app cannot see it. This hint only spares a /me call
// that would answer 401 (a red line in the browser console) on every visit to the login page.
const SIGNED_IN_HINT = 'yorisoi.signedIn';
const hint = {
  get: () => localStorage.getItem(SIGNED_IN_HINT) === '1',
  set: () => localStorage.setItem(SIGNED_IN_HINT, '1'),
  clear: () => localStorage.removeItem(SIGNED_IN_HINT),
};

let signedIn: StaffIdentity | null = null;
let sessionEnded = false;
// checkAuth, getPermissions and getIdentity run together on load; they share one /me request.
let pendingSession: Promise<StaffIdentity> | null = null;

function remember({ user, csrfToken }: SessionResponse): StaffIdentity {
  setCsrfToken(csrfToken);
  hint.set();
  sessionEnded = false;
  signedIn = { id: user.id, email: user.email, fullName: user.displayName, role: user.role, partnerId: user.partnerId };
  return signedIn;
}

function forget(): void {
  signedIn = null;
  pendingSession = null;
  setCsrfToken(null);
  hint.clear();
}

function currentSession(): Promise<StaffIdentity> {
  if (signedIn) return Promise.resolve(signedIn);
  if (!hint.get()) return Promise.reject(new Error('not signed in'));
  pendingSession ??= httpClient<SessionResponse>('/api/auth/me')
    .then(remember)
    .catch((error: unknown) => {
      hint.clear();
      throw error;
    })
    .finally(() => {
      pendingSession = null;
    });
  return pendingSession;
}

export const authProvider: AuthProvider = {
  /** The login page runs the sign-in steps (password, code or enrolment) and hands over the finished session. */
  async login({ session }: { session: SessionResponse }) {
    forget();
    remember(session);
  },

  async logout() {
    if (signedIn && !sessionEnded) {
      // Signing out locally is what matters; a failed call changes nothing for the user.
      await httpClient('/api/auth/logout', { method: 'POST' }).catch(() => undefined);
      // Only on a deliberate sign-out: after an expired session the staff member signs in again to their drafts.
      clearReplyDrafts();
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
    if (error?.status === 401) {
      // `signedIn` stays until logout, so react-admin still shows the "expired" notification.
      sessionEnded = true;
      throw { message: 'yorisoi.auth.session_expired' };
    }
  },

  async getPermissions() {
    // Signed out means no permissions rather than an error; checkAuth handles the sign-in.
    return currentSession().then(
      (user) => user.role,
      () => undefined,
    );
  },

  async getIdentity() {
    return currentSession();
  },
};
