# syntax=docker/dockerfile:1.7
# One Dockerfile, one image per app:
#   docker build --target gateway -t ollama-guard-gateway .
#   docker build --target guard-inference -t ollama-guard-guard-inference .
# Both run as the unprivileged uid/gid 1000 (numeric, so Kubernetes' runAsNonRoot can verify it),
# need nothing writable but /tmp (the chart mounts a read-only root filesystem), and stop
# gracefully on SIGTERM. guard-inference carries the shipped models in /app/models; mount another
# directory there, or anywhere with MODELS_DIR pointing at it, to replace them.

ARG NODE_IMAGE=node:22-bookworm-slim

# ---- dependencies: every package, for the build --------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# onnxruntime-node's install script would fetch CUDA libraries; the CPU binaries ship in the
# package, and no other package needs an install script to work.
ENV ONNXRUNTIME_NODE_INSTALL=skip \
    npm_config_audit=false \
    npm_config_fund=false \
    npm_config_update_notifier=false
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts

# ---- build: TypeScript to dist/ with swc -----------------------------------------------------
FROM deps AS build
COPY tsconfig.json ./
COPY scripts/build.mjs scripts/swc-options.mjs ./scripts/
COPY libs ./libs
COPY apps ./apps
RUN npm run build

# ---- production dependencies only, trimmed to this platform ---------------------------------
FROM ${NODE_IMAGE} AS prod-deps
ARG TARGETARCH
WORKDIR /app
ENV ONNXRUNTIME_NODE_INSTALL=skip \
    npm_config_audit=false \
    npm_config_fund=false \
    npm_config_update_notifier=false
COPY package.json package-lock.json ./
# onnxruntime-node ships native binaries for darwin, win32 and linux on every CPU (~290 MB):
# keep only linux on the architecture being built.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --ignore-scripts \
 && arch="$(case "${TARGETARCH:-$(dpkg --print-architecture)}" in arm64) echo arm64 ;; *) echo x64 ;; esac)" \
 && find node_modules/onnxruntime-node/bin -mindepth 2 -maxdepth 2 -type d ! -name linux -exec rm -rf {} + \
 && find node_modules/onnxruntime-node/bin -mindepth 3 -maxdepth 3 -type d ! -name "$arch" -exec rm -rf {} + \
 && test -d "node_modules/onnxruntime-node/bin/napi-v6/linux/$arch"

# ---- common runtime ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="ollama-guard" \
      org.opencontainers.image.description="Kubernetes-native guard for LLM traffic" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}"
WORKDIR /app
# Nothing is written to disk but temporary files: /tmp is the only writable place needed.
ENV NODE_ENV=production \
    TMPDIR=/tmp
COPY --from=prod-deps --chown=0:0 /app/node_modules ./node_modules
COPY --from=build --chown=0:0 /app/dist ./dist
COPY --chown=0:0 package.json ./
COPY --chown=0:0 proto ./proto
# Files stay owned by root and read-only for the app user: a compromised process cannot rewrite them.
USER 1000:1000
STOPSIGNAL SIGTERM

# ---- guard-inference: gRPC 50051, admin HTTP 9091, models baked in ---------------------------
FROM runtime AS guard-inference
COPY --chown=0:0 models ./models
ENV MODELS_DIR=/app/models \
    GUARD_PORT=50051 \
    INFERENCE_ADMIN_PORT=9091
EXPOSE 50051 9091
CMD ["node", "--enable-source-maps", "dist/apps/guard-inference/src/main.js"]

# ---- gateway: HTTP 8080, admin HTTP 9090 (last, so a plain `docker build .` builds it) --------
FROM runtime AS gateway
ENV GATEWAY_PORT=8080 \
    GATEWAY_ADMIN_PORT=9090
EXPOSE 8080 9090
CMD ["node", "--enable-source-maps", "dist/apps/gateway/src/main.js"]
