/** Base class of every error raised by kitty-collect collectors. */
export class CollectorError extends Error {
  override name = 'CollectorError';
}
