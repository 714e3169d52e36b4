# syntax=docker/dockerfile:1
# phi-gateway: multi-stage build. Stage 1 compiles TypeScript and installs production dependencies (native modules
# better-sqlite3 and onnxruntime-node need a toolchain only as a fallback when no prebuilt binary matches).
# Stage 2 is the runtime: non-root, no toolchain, policies and the NER model (when present) baked in, data on a volume.

FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY policies ./policies
# The model folder is optional (the gateway runs with pattern detectors only without it); make sure it exists.
COPY . /tmp/context
RUN mkdir -p models && if [ -d /tmp/context/models ]; then cp -a /tmp/context/models/. models/; fi && rm -rf /tmp/context \
 && npx tsc -p tsconfig.build.json \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    PHI_GATEWAY_DATA_DIR=/data \
    PHI_GATEWAY_POLICIES=/app/policies \
    PHI_GATEWAY_MODEL_DIR=/app/models/phi-ner-small \
    LOG_LEVEL=info
WORKDIR /app
# Application files are owned by root and read-only for the runtime user; only /data is writable.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/bin ./bin
COPY --from=build /app/policies ./policies
COPY --from=build /app/models ./models
RUN mkdir -p /data && chown node:node /data && chmod 0700 /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Same command as `npm start` after the build: the compiled process entry. SIGTERM drains in-flight requests.
CMD ["node", "dist/src/index.js"]
