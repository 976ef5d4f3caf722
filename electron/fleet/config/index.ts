/** Where hosts come from and how OpenSSH would reach them. The fleet's config half; see ../types.ts. */
export { ConfigError, HostExprError } from './errors';
export { resolveHost, type ResolveOptions, DEFAULT_IDENTITY_FILES } from './ssh/resolve';
export { loadHostCatalog, type HostCatalogOptions, type WarroomHostCatalog } from './catalog';
export { createKnownHosts, type KnownHostsStore } from './known-hosts/store';
export { fingerprintSha256 } from './known-hosts/fingerprint';
export { expandHostList } from './ranges';
export { resolveTargets, TargetError } from './targets';
export { parseInventory, parseInventoryText, type Inventory, type InventoryHost } from './inventory/index';
export { readGroupsFile, type GroupsFile } from './groups-file';
