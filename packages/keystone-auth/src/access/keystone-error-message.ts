import { redactUrlsInText } from '@kitty-collect/http-request';
import { z } from 'zod';

const keystoneErrorBody = z.object({
  error: z.object({
    message: z.string().optional(),
    title: z.string().optional(),
    code: z.number().optional(),
  }),
});

/**
 * What an error body of Keystone (or of keystonemiddleware in front of a service) says: its
 * `{"error": {"message"}}`, or a trimmed snippet of whatever else came back; any URL it quotes redacted.
 */
export function keystoneErrorMessage(text: string): string {
  return redactUrlsInText(bodyMessage(text));
}

function bodyMessage(text: string): string {
  try {
    const parsed = keystoneErrorBody.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data.error.message ?? parsed.data.error.title ?? text.slice(0, 200);
  } catch {
    // not JSON: fall through to the snippet
  }
  const snippet = text.replace(/\s+/g, ' ').trim();
  return snippet.length > 200 ? `${snippet.slice(0, 200)}…` : snippet;
}
