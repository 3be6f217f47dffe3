/**
 * Thrown before a rename or revoke that has no ETag read from SharePoint: a write without one would overwrite
 * whatever is there (SharePoint treats a missing IF-Match, like "*", as "regardless of version"), so it never goes out.
 * Seen when the item was read in a format without ETags (`odata=nometadata`) or built by hand.
 */
export class MissingEtagError extends Error {
  public constructor(public readonly itemId: number) {
    super(`List item ${itemId} was not read with an ETag, so it cannot be written safely. Reload the keys and try again.`);
    this.name = 'MissingEtagError';
    Object.setPrototypeOf(this, MissingEtagError.prototype);
  }
}

/** The ETag to send as IF-Match: one SharePoint gave us, never the wildcard and never none. */
export function requireReadEtag(itemId: number, etag: string | undefined): string {
  if (etag === undefined || etag.trim() === '' || etag.trim() === '*') {
    throw new MissingEtagError(itemId);
  }
  return etag;
}
