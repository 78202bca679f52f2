import { httpClient, setCsrfToken } from '../providers/httpClient';
import type { Role } from '../roles';

/** What the API answers at each step of signing in (see api/auth/auth-routes.ts). */
export interface SignInResponse {
  user: { id: string; email: string; displayName: string; role: Role; partnerId: string | null };
  csrfToken: string;
  stage: 'full' | 'second-factor' | 'enrol';
}

export interface Enrolment {
  secret: string;
  otpauthUri: string;
}

// Each step answers with the CSRF token of the (new) session; later steps send it.
const keep = <T extends { csrfToken: string }>(r: T): T => {
  setCsrfToken(r.csrfToken);
  return r;
};

export const signInSteps = {
  password: (email: string, password: string) => httpClient<SignInResponse>('/api/auth/login', { method: 'POST', body: { email, password } }).then(keep),
  code: (code: string) => httpClient<SignInResponse>('/api/auth/second-factor', { method: 'POST', body: { code } }).then(keep),
  startEnrolment: () => httpClient<{ data: Enrolment }>('/api/auth/totp/setup', { method: 'POST' }).then((r) => r.data),
  confirmEnrolment: (code: string) => httpClient<SignInResponse & { data: { recoveryCodes: string[] } }>('/api/auth/totp/confirm', { method: 'POST', body: { code } }).then(keep),
  changePassword: (currentPassword: string, newPassword: string) => httpClient('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),
};
