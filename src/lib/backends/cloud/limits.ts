/**
 * The most of one answer atlas-backups reads: 32 MiB (the README says so). The largest legitimate page, 500
 * snapshots or 500 cluster descriptions of sharded multi-region clusters, is a few MiB; anything bigger is not the
 * Atlas API (a wrong base URL, a proxy streaming a file), and reading it whole would only fill memory before failing.
 */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024
