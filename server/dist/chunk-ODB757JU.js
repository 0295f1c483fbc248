// server/deliveries/allow.ts
import { BlockList, isIP } from "node:net";
function entryProblem(entry) {
  const e = entry.trim();
  if (e.includes("/")) {
    const [ip, bits] = e.split("/");
    const family = isIP(ip ?? "");
    const n = Number(bits);
    if (!family || !Number.isInteger(n) || n < 0 || n > (family === 4 ? 32 : 128))
      return `"${e}" is not a CIDR range such as 10.20.0.0/16`;
    return null;
  }
  if (isIP(e)) return null;
  if (!/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(
    e
  ))
    return `"${e}" is not a host name, an address or a CIDR range`;
  return null;
}
function parseAllowList(entries) {
  const list = {
    hosts: /* @__PURE__ */ new Set(),
    suffixes: [],
    ranges: new BlockList(),
    entries: []
  };
  for (const raw of entries) {
    const e = raw.trim().toLowerCase();
    if (!e) continue;
    const problem = entryProblem(e);
    if (problem) throw new Error(problem);
    list.entries.push(e);
    if (e.includes("/")) {
      const [ip, bits] = e.split("/");
      list.ranges.addSubnet(ip, Number(bits), isIP(ip) === 6 ? "ipv6" : "ipv4");
    } else if (isIP(e)) {
      list.ranges.addAddress(e, isIP(e) === 6 ? "ipv6" : "ipv4");
    } else if (e.startsWith("*.")) {
      list.suffixes.push(e.slice(1));
    } else list.hosts.add(e);
  }
  return list;
}
function envAllowEntries(value) {
  return (value ?? "").split(",").map((s) => s.trim()).filter((s) => s.length > 0);
}
var special = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4]
])
  special.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96]
])
  special.addSubnet(net, bits, "ipv6");
function familyOf(address) {
  return isIP(address) === 6 ? "ipv6" : "ipv4";
}
function unmapped(address) {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m?.[1] ?? address;
}
function isSpecialAddress(address) {
  const a = unmapped(address);
  return special.check(a, familyOf(a));
}
function hostListed(list, host) {
  const h = host.toLowerCase();
  return list.hosts.has(h) || list.suffixes.some((s) => h.endsWith(s));
}
function refusal(list, host, address) {
  const a = unmapped(address);
  const inRange = list.ranges.check(a, familyOf(a));
  if (isSpecialAddress(a) && !inRange)
    return `${host} resolves to ${a}, a private, loopback or link-local address; add a CIDR range covering it to the allow-list to send there`;
  if (!inRange && !hostListed(list, host))
    return `${host} is not on the allow-list; add it in Admin under Notifications, or to SNAG_WEBHOOK_ALLOW`;
  return null;
}

export {
  entryProblem,
  parseAllowList,
  envAllowEntries,
  refusal
};
//# sourceMappingURL=chunk-ODB757JU.js.map
