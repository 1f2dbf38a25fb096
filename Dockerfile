# syntax=docker/dockerfile:1
# One Dockerfile, one image per app: `--target gateway` or `--target guard-inference`.

FROM node:22-bookworm-slim AS build
WORKDIR /app
# onnxruntime-node would fetch CUDA libraries at install; the CPU binaries ship in the package.
ENV ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json ./
COPY scripts ./scripts
COPY apps ./apps
COPY libs ./libs
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:22-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY proto ./proto
USER node

FROM runtime AS guard-inference
EXPOSE 50051
CMD ["node", "--enable-source-maps", "dist/apps/guard-inference/src/main.js"]

FROM runtime AS gateway
EXPOSE 8080
CMD ["node", "--enable-source-maps", "dist/apps/gateway/src/main.js"]
