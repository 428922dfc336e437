# Pesan Ibu backend image: `docker compose up` builds it; `pesan serve` is the default command.
# better-sqlite3 is compiled from source here, as on a developer machine: nothing is downloaded
# at install or run time besides npm packages.

FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts \
  && npm rebuild better-sqlite3 --build-from-source
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PESAN_DATA_DIR=/data \
    PESAN_HTTP_PORT=8080 \
    PESAN_MQTT_PORT=1883
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin
# `pesan demo` and `pesan sim-seed` build the Kabupaten Serang registry from these files.
COPY --from=build /app/scenarios ./scenarios
# /sim: the devices file `pesan sim-seed` writes for the simulator (docker-compose sim profile).
RUN mkdir -p /data /sim && chown node:node /data /sim
USER node
VOLUME ["/data"]
EXPOSE 8080 1883
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD ["node", "bin/healthcheck.js"]
ENTRYPOINT ["node", "bin/pesan.js"]
CMD ["serve"]
