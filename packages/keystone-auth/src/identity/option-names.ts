/** `userDomainName` → `user_domain_name`: errors use keystoneauth's option names, as operators write them. */
export function optionName(camelCase: string): string {
  return camelCase.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
