/** RFC 7617 credentials; UTF-8, as Prometheus' web config expects. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
