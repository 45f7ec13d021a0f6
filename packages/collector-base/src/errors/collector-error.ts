/** Base class of every error raised by kitty-collect collectors. */
export class CollectorError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}
