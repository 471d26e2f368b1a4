// Upload limits, shared by the forms (checked in the browser before sending), the action schemas,
// next.config.ts (serverActions.bodySizeLimit) and proxy.ts (which answers an over-size action
// request in the user's language before Next.js refuses it with an English error page).
// No imports: this module is bundled for the browser, the proxy and the config alike.

/** The register import file (.xlsx or .csv). */
export const REGISTER_IMPORT_MAX_MB = 20
export const REGISTER_IMPORT_MAX_BYTES = REGISTER_IMPORT_MAX_MB * 1024 * 1024

/** The region CSV. */
export const REGION_IMPORT_MAX_BYTES = 1_000_000

/**
 * A server action's whole body: the largest upload plus its multipart envelope and the other
 * fields. An upload just above its own limit still reaches the action, whose schema answers with
 * the translated message; only bodies above this are refused by proxy.ts.
 */
export const ACTION_BODY_LIMIT_MB = REGISTER_IMPORT_MAX_MB + 1
export const ACTION_BODY_LIMIT_BYTES = ACTION_BODY_LIMIT_MB * 1024 * 1024
