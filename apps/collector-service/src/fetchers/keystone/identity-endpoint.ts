/**
 * The identity v3 API base from a catalog URL. Catalogs hold `http://keystone:5000/v3` (bootstrap's),
 * `http://keystone:5000` or `http://host/identity` (devstack): keystoneclient finds v3 by discovery;
 * appending `/v3` when the URL names no version gives the same result without the extra request.
 */
export function identityV3Url(endpoint: string): string {
  const url = new URL(endpoint);
  const path = url.pathname.replace(/\/+$/, '');
  if (/\/v3(\.\d+)?$/.test(path)) url.pathname = path;
  else if (/\/v2\.0$/.test(path)) url.pathname = path.replace(/\/v2\.0$/, '/v3');
  else url.pathname = `${path}/v3`;
  return url.toString();
}
