import type { Request, RequestHandler, Response } from 'express';
import type { Access, Role } from '../auth/roles';
import type { SessionStage } from '../auth/sessions';

/** `options` only for a CORS preflight a route answers itself (the Temporal codec). */
export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete' | 'options';

/** Every route declares who may call it; the authorization matrix test reads these. */
export interface RouteSpec {
  method: Method;
  path: string;
  access: Access;
  /** Writes from a cookie session must carry the CSRF token, except login itself. */
  csrf?: boolean;
  handler: (req: Request, res: Response) => unknown;
  /** Middleware that must run before the handler (e.g. a raw-body parser for the LINE webhook). */
  before?: RequestHandler[];
  /** Also open to a session that has passed the password but not yet the second factor (sign-in steps only). */
  beforeSecondFactor?: boolean;
}

export interface SignedInUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  partnerId: string | null;
  csrfToken: string;
  sessionStage: SessionStage;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: SignedInUser;
  }
}

export function signedInUser(req: Request): SignedInUser {
  if (!req.user) throw new Error('route declared public but reads the signed-in user');
  return req.user;
}
