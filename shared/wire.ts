/**
 * Browser mode's WebSocket framing. The contract says what is sent; this says how a request, its
 * reply and an event are told apart on one socket.
 */
import { z } from 'zod';

export const WS_PATH = '/ws';
/** The query parameter that carries the per-launch token, on the page URL and the socket URL. */
export const TOKEN_PARAM = 'token';

export const ClientFrame = z.object({
  t: z.literal('req'),
  id: z.number().int().nonnegative(),
  name: z.string().max(128),
  input: z.unknown(),
});
export type ClientFrame = z.infer<typeof ClientFrame>;

export const RpcErrorSchema = z.object({
  code: z.enum(['bad-request', 'unknown-channel', 'forbidden', 'failed']),
  message: z.string(),
});

export const ServerFrame = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('res'),
    id: z.number().int().nonnegative(),
    reply: z.union([z.object({ ok: z.literal(true), value: z.unknown() }), z.object({ ok: z.literal(false), error: RpcErrorSchema })]),
  }),
  z.object({ t: z.literal('evt'), name: z.string(), payload: z.unknown() }),
]);
export type ServerFrame = z.infer<typeof ServerFrame>;
