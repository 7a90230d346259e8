/**
 * The extension's fixed ID, derived from the manifest `key` (wxt.config.ts):
 * the first 32 hex digits of SHA-256(DER public key), each mapped 0-f → a-p.
 */
export const EXTENSION_ID = 'ogdmiibhdbcplfkdagfcbmjbgmjefcam';

/** Origins the agent accepts WebSocket upgrades from. */
export const EXTENSION_ORIGINS = [`chrome-extension://${EXTENSION_ID}`];

/** The agent's default port on 127.0.0.1. */
export const DEFAULT_AGENT_PORT = 17346;
