#!/usr/bin/env node
// Docker HEALTHCHECK for `pesan serve`: healthy while /healthz answers 2xx. It answers 503
// only when the telemetry store is down; a degraded store (readings spooled) is still healthy.
const port = process.env.PESAN_HTTP_PORT ?? '8080';

fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) }).then(
  (answer) => process.exit(answer.ok ? 0 : 1),
  () => process.exit(1),
);
