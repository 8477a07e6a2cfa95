import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * The numeric id in a console path (/notices/:id, /users/:id, /groups/:id). Anything that is
 * not a positive integer the database can hold is refused here with 400, before it can reach
 * a query and come back as a 500.
 */
export function idParam(request: FastifyRequest): number {
  const raw = (request.params as { id?: unknown }).id;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > 2_147_483_647)
    throw new AppError('VALIDATION', '没有这一项（编号不对）', { details: { field: 'params.id' } });
  return Number(raw);
}
