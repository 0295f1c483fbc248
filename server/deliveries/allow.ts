/**
 * Which addresses may receive. Every target host must be on the allow-list (host names, and
 * CIDR ranges, from `SNAG_WEBHOOK_ALLOW` and Admin). An address that is private, loopback,
 * link-local or otherwise not public is refused unless a CIDR on the list covers it, whatever
 * name led there, so a name cannot be pointed at an internal host.
 */
import { BlockList, isIP } from 'node:net';

/** The allow-list, parsed. */
export interface AllowList {
  hosts: Set<string>;
  /** Host suffixes from `*.example.org` entries. */
  suffixes: string[];
  ranges: BlockList;
  /** Whether any range was given (an empty BlockList matches nothing anyway). */
  entries: string[];
}

/** Why an entry cannot be used, or null. */
export function entryProblem(entry: string): string | null {
  const e = entry.trim();
  if (e.includes('/')) {
    const [ip, bits] = e.split('/');
    const family = isIP(ip ?? '');
    const n = Number(bits);
    if (
      !family ||
      !Number.isInteger(n) ||
      n < 0 ||
      n > (family === 4 ? 32 : 128)
    )
      return `"${e}" is not a CIDR range such as 10.20.0.0/16`;
    return null;
  }
  if (isIP(e)) return null;
  if (
    !/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(
      e,
    )
  )
    return `"${e}" is not a host name, an address or a CIDR range`;
  return null;
}

/** Parses entries (ignoring blanks); throws on an entry that is not a host or range. */
export function parseAllowList(entries: readonly string[]): AllowList {
  const list: AllowList = {
    hosts: new Set(),
    suffixes: [],
    ranges: new BlockList(),
    entries: [],
  };
  for (const raw of entries) {
    const e = raw.trim().toLowerCase();
    if (!e) continue;
    const problem = entryProblem(e);
    if (problem) throw new Error(problem);
    list.entries.push(e);
    if (e.includes('/')) {
      const [ip, bits] = e.split('/') as [string, string];
      list.ranges.addSubnet(ip, Number(bits), isIP(ip) === 6 ? 'ipv6' : 'ipv4');
    } else if (isIP(e)) {
      list.ranges.addAddress(e, isIP(e) === 6 ? 'ipv6' : 'ipv4');
    } else if (e.startsWith('*.')) {
      list.suffixes.push(e.slice(1));
    } else list.hosts.add(e);
  }
  return list;
}

/** `SNAG_WEBHOOK_ALLOW` as entries. */
export function envAllowEntries(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const special = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  special.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  special.addSubnet(net, bits, 'ipv6');

function familyOf(address: string): 'ipv4' | 'ipv6' {
  return isIP(address) === 6 ? 'ipv6' : 'ipv4';
}

/** An IPv4 address mapped into IPv6 (`::ffff:a.b.c.d`), as IPv4. */
function unmapped(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m?.[1] ?? address;
}

/** Whether an address is private, loopback, link-local or otherwise not on the internet. */
export function isSpecialAddress(address: string): boolean {
  const a = unmapped(address);
  return special.check(a, familyOf(a));
}

/** Whether the host name is on the list by name. */
export function hostListed(list: AllowList, host: string): boolean {
  const h = host.toLowerCase();
  return list.hosts.has(h) || list.suffixes.some((s) => h.endsWith(s));
}

/**
 * Why `host`, resolved to `address`, may not receive; null if it may.
 */
export function refusal(
  list: AllowList,
  host: string,
  address: string,
): string | null {
  const a = unmapped(address);
  const inRange = list.ranges.check(a, familyOf(a));
  if (isSpecialAddress(a) && !inRange)
    return `${host} resolves to ${a}, a private, loopback or link-local address; add a CIDR range covering it to the allow-list to send there`;
  if (!inRange && !hostListed(list, host))
    return `${host} is not on the allow-list; add it in Admin under Notifications, or to SNAG_WEBHOOK_ALLOW`;
  return null;
}
