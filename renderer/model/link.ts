/**
 * The state of the window's link to the Node side. The transport reports it and the store keeps it
 * for the banner; it lives here so the store never imports a transport.
 */
export type LinkState =
  | { kind: 'connecting'; attempt: number }
  | { kind: 'open' }
  | { kind: 'closed'; attempt: number; retryAt: number; reason: string };
