import {
  refusal
} from "./chunk-ODB757JU.js";

// server/deliveries/http.ts
import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { performance } from "node:perf_hooks";
var systemResolver = (host) => lookup(host, { all: true, verbatim: true });
var agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 32, timeout: 3e4 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 32, timeout: 3e4 })
};
var LOGGED_BYTES = 500;
function urlProblem(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    return "This is not a web address; it should start with https://";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return "The address must start with https:// (or http:// for an internal host)";
  if (url.username || url.password)
    return "The address must not contain a user name or password";
  return null;
}
function hostOf(url) {
  return url.hostname.replace(/^\[|\]$/g, "");
}
async function pickAddress(url, allow, resolve = systemResolver) {
  const host = hostOf(url);
  let answers;
  if (isIP(host)) answers = [{ address: host, family: isIP(host) }];
  else {
    try {
      answers = await resolve(host);
    } catch {
      return { refused: `${host} could not be found (DNS lookup failed)` };
    }
  }
  if (answers.length === 0)
    return { refused: `${host} could not be found (DNS lookup failed)` };
  for (const a of answers) {
    const why = refusal(allow, host, a.address);
    if (why) return { refused: why };
  }
  return answers[0];
}
function readAnswer(response, maxBytes, settle) {
  const chunks = [];
  let size = 0;
  let settled = false;
  const done = () => {
    if (settled) return;
    settled = true;
    const text = Buffer.concat(chunks).subarray(0, LOGGED_BYTES).toString("utf8");
    settle(response.statusCode ?? 0, text);
  };
  response.on("data", (chunk) => {
    const room = maxBytes - size;
    size += chunk.length;
    chunks.push(room >= chunk.length ? chunk : chunk.subarray(0, room));
    if (size > maxBytes) {
      response.destroy();
      done();
    }
  });
  response.on("end", done);
  response.on("error", done);
}
async function postJson(rawUrl, body, headers, options) {
  const problem = urlProblem(rawUrl);
  if (problem) return { kind: "refused", message: problem };
  const url = new URL(rawUrl);
  const picked = await pickAddress(url, options.allow, options.resolve);
  if ("refused" in picked) return { kind: "refused", message: picked.refused };
  const pinned = (_host, opts, cb) => {
    if (opts.all)
      cb(null, [
        picked
      ]);
    else cb(null, picked.address, picked.family);
  };
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((done) => {
    const tls = url.protocol === "https:";
    const client = tls ? https : http;
    const request = client.request(url, {
      method: "POST",
      lookup: pinned,
      headers: {
        ...headers,
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(body)),
        "user-agent": "Snag-Webhooks/1"
      },
      servername: isIP(hostOf(url)) ? void 0 : hostOf(url),
      agent: tls ? agents.https : agents.http
    });
    let finished = false;
    const finish = (result) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      done(result);
    };
    const timer = setTimeout(() => {
      finish({
        kind: "failed",
        message: `The receiver did not answer within ${options.timeoutMs} ms`,
        latencyMs: elapsed()
      });
      request.destroy();
    }, options.timeoutMs);
    request.on(
      "error",
      (error) => finish({ kind: "failed", message: error.message, latencyMs: elapsed() })
    );
    request.on(
      "response",
      (response) => readAnswer(
        response,
        options.maxBytes,
        (status, text) => finish(
          status >= 300 && status < 400 ? {
            kind: "failed",
            message: `The receiver answered ${status}, a redirect, which is not followed`,
            latencyMs: elapsed()
          } : { kind: "answered", status, latencyMs: elapsed(), body: text }
        )
      )
    );
    request.end(body);
  });
}

// server/deliveries/signing.ts
import { createHmac, randomBytes } from "node:crypto";
var PREFIX = "whsec_";
function newSecret() {
  return PREFIX + randomBytes(32).toString("base64");
}
function signature(secret, id, timestampSeconds, body) {
  const key = Buffer.from(
    secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret,
    "base64"
  );
  const mac = createHmac("sha256", key).update(`${id}.${timestampSeconds}.${body}`).digest("base64");
  return `v1,${mac}`;
}
function signingSecrets(hook, now) {
  const previousLive = hook.previousSecret !== null && hook.previousUntil !== null && Date.parse(hook.previousUntil) > now.getTime();
  return previousLive && hook.previousSecret ? [hook.secret, hook.previousSecret] : [hook.secret];
}
function signedHeaders(secrets, id, now, body) {
  const timestamp = Math.floor(now.getTime() / 1e3);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": secrets.map((s) => signature(s, id, timestamp, body)).join(" ")
  };
}

export {
  urlProblem,
  pickAddress,
  postJson,
  newSecret,
  signingSecrets,
  signedHeaders
};
//# sourceMappingURL=chunk-F3TQAYHU.js.map
