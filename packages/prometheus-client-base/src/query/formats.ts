import { z } from 'zod';

/**
 * Time accepted by the API: a Date (sent as RFC 3339), unix seconds, or a
 * string passed verbatim (RFC 3339 or unix seconds, Prometheus decides).
 */
export const timeSchema = z
  .union([z.date(), z.number().finite(), z.string().min(1)])
  .transform((time) => (time instanceof Date ? time.toISOString() : String(time)));

/**
 * Duration in seconds, or a Prometheus duration string passed verbatim.
 * Prometheus rejects fractional units ("1.5s"), so fractions go as milliseconds.
 */
export const durationSchema = z
  .union([z.number().positive().finite(), z.string().min(1)])
  .transform((duration) => {
    if (typeof duration === 'string') return duration;
    if (Number.isInteger(duration)) return `${duration}s`;
    return `${Math.max(1, Math.round(duration * 1000))}ms`;
  });
