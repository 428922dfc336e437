import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';
import type { Principal, Role, TokenRepo } from './tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Reads the bearer token (or `?token=` for EventSource, which cannot set headers). */
export function authenticate(tokens: TokenRepo) {
  return async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const query = (request.query as Record<string, unknown> | undefined)?.token;
    const token = header?.startsWith('Bearer ')
      ? header.slice(7).trim()
      : typeof query === 'string'
        ? query
        : null;
    request.principal = token ? tokens.resolve(token) : null;
  };
}

/** A preHandler admitting the given roles only. */
export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    if (!request.principal) throw new ApiError('UNAUTHORIZED');
    if (!roles.includes(request.principal.role)) throw new ApiError('FORBIDDEN');
  };
}

/** Crews see only their own lists; admin and office see every crew's. */
export function assertCrewAccess(request: FastifyRequest, crewId: string): void {
  const p = request.principal;
  if (!p) throw new ApiError('UNAUTHORIZED');
  if (p.role === 'crew' && p.crewId !== crewId) {
    throw new ApiError(
      'FORBIDDEN',
      `a crew token acts for its own crew only (${p.crewId ?? 'none'}), not ${crewId}`,
    );
  }
}
