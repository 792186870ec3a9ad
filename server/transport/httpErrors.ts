import type { Response } from 'express';
import type { ApiError } from '../../shared/api';

/** The one error shape of the HTTP API: `{ error: { code, message } }`. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  const body: ApiError = { error: { code, message } };
  res.status(status).json(body);
}
