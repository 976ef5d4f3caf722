export interface InventoryHost {
  name: string;
  hostname?: string;
  port?: number;
  user?: string;
}

export interface Inventory {
  hosts: InventoryHost[];
  /** Group → host names, children's hosts included; with Ansible's implicit `all` and `ungrouped`. */
  groups: Record<string, string[]>;
}

/** What the parsers collect before flattening: direct hosts, children and vars per group. */
export interface RawGroup {
  hosts: string[];
  children: string[];
  vars: Record<string, string>;
  line: number;
}

export interface RawInventory {
  file: string;
  hostVars: Map<string, Record<string, string>>;
  hostLines: Map<string, number>;
  groups: Map<string, RawGroup>;
}
