import type { Dict } from './repo-files.js';

const RISKY_PRIVILEGES = new Set(['NET_ADMIN', 'SYS_ADMIN', 'SYS_RAWIO', 'SYS_PTRACE', 'SYS_MODULE', 'DAC_READ_SEARCH']);

/**
 * The Supervisor's security rating (1–8) of an add-on manifest, as ../shared/addon-lint/README.md
 * describes it. `ownAppArmor` is whether an apparmor.txt profile ships beside config.yaml.
 */
export function computeSecurityRating(manifest: Dict, ownAppArmor: boolean): number {
  if (manifest.docker_api === true || manifest.full_access === true) return 1;
  let rating = 5;
  if (manifest.ingress === true) rating += 2;
  if (manifest.apparmor === false) rating -= 1;
  else if (ownAppArmor) rating += 1;
  const privileged = Array.isArray(manifest.privileged) ? manifest.privileged : [];
  if (manifest.kernel_modules === true || privileged.some((p) => RISKY_PRIVILEGES.has(String(p)))) rating -= 1;
  if (manifest.hassio_role === 'manager') rating -= 1;
  if (manifest.hassio_role === 'admin') rating -= 2;
  if (manifest.host_network === true) rating -= 1;
  if (manifest.host_pid === true) rating -= 2;
  return Math.min(8, Math.max(1, rating));
}
