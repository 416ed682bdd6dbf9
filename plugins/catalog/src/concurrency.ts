/**
 * Optimistic concurrency for dataset writes (RFC 9110 §13.1.1): `GET` answers an `ETag` naming
 * the dataset's version, and a `PATCH` or `DELETE` that sends it back in `If-Match` is applied
 * only to that version. Two admins who opened the same version cannot overwrite each other:
 * the second write is a `412` telling them to reload, not a silent lost update.
 */
import { Boom } from '@kaifang/sdk';

/** The entity tag of a dataset version, without quotes (hapi's `etag()` adds them). */
export function etagOf(version: number): string {
  return `v${version}`;
}

/**
 * Whether a write must be limited to the version the client saw, given the request's
 * `If-Match`: false for `*` (any current dataset; existence was already checked). Otherwise
 * throws the 412 unless one of the listed tags is the current version's; weak tags (`W/"v3"`)
 * never match, as RFC 9110 wants for `If-Match`.
 */
export function checkIfMatch(
  header: string,
  current: { id: string; version: number; updatedAt: string },
): boolean {
  if (header.trim() === '*') return false;
  const wanted = `"${etagOf(current.version)}"`;
  const tags = header.split(',').map((tag) => tag.trim());
  if (!tags.includes(wanted)) throw changedMeanwhile(current.id, header, current);
  return true;
}

/**
 * The 412 for a write whose `If-Match` no longer names the stored dataset: says what happened,
 * when (we record the time of the last change, not who made it) and what to do.
 */
export function changedMeanwhile(
  id: string,
  sent: string,
  current: { version: number; updatedAt: string } | undefined,
): Boom.Boom {
  const what = current
    ? `was changed by someone else since you opened it (last change ${current.updatedAt}; you sent If-Match ${sent}, it is now "${etagOf(current.version)}")`
    : 'was deleted by someone else since you opened it';
  return Boom.preconditionFailed(
    `the dataset ${what}; nothing was saved: reload it (GET /api/v1/datasets/${id}), then apply your change again`,
  );
}
