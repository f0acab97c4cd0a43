/**
 * What the loopback server and its HTTP client agree on beyond the method table. No Node imports: the
 * browser client imports this too.
 */

/** Header naming a streaming call so that `POST /api/cancel/<id>` can stop it while its stream stays open. */
export const CALL_ID_HEADER = "x-enclave-call";
export const CANCEL_PATH = "/api/cancel/";
