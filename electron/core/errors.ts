/**
 * Errors every layer of the Node side may throw. Services throw them and the transports (rpc/,
 * cli/) show them, so they live below both: services must not import a transport to report a
 * problem.
 */

/** An error whose message is meant for the user, as opposed to a bug. */
export class UserError extends Error {
  override name = 'UserError';
}
