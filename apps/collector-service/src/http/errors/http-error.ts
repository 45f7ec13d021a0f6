/** An answer other than 200, with the message sent as CloudKitty does: `{"message": "…"}`. */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body when it is not CloudKitty's `{"message": …}` (keystonemiddleware's 401 and 503). */
  readonly body: unknown;

  constructor(
    status: number,
    message: string,
    headers: Readonly<Record<string, string>> = {},
    body: unknown = { message },
  ) {
    super(message);
    this.status = status;
    this.headers = headers;
    this.body = body;
  }
}
