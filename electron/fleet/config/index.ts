/**
 * Where hosts come from and how OpenSSH would reach them: the config half of the fleet (see ../types.ts).
 *
 * Errors: bad lines in files the user wrote throw ConfigError (file, line, "FILE:LINE: what was
 * expected"); bad host expressions and names ssh itself refuses throw HostExprError. Nothing else is
 * thrown for bad input.
 */
export { ConfigError, HostExprError } from './errors';
export { resolveHost, parseHop, type ResolveOptions, DEFAULT_IDENTITY_FILES } from './ssh/resolve';
export { loadHostCatalog, type HostCatalogOptions, type WarroomHostCatalog } from './catalog';
export { createKnownHosts, type KnownHostsStore } from './known-hosts/store';
export { fingerprintSha256, blobKeyType } from './known-hosts/fingerprint';
export { expandHostList } from './ranges';
export { resolveTargets, TargetError } from './targets';
export { parseInventory, parseInventoryText, type Inventory, type InventoryHost } from './inventory/index';
export { readGroupsFile, type GroupsFile } from './groups-file';
