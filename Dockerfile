# syntax=docker/dockerfile:1
#
# Relm's image (README "Running in containers", docs/decisions/065-container-image.md).
#
#   docker build --build-arg RELM_COMMIT=$(git rev-parse HEAD) -t relm .
#
# Three stages on Debian (glibc: argon2's prebuilt binary and PGlite's WebAssembly need
# nothing compiled): `build` installs every dependency and builds the app, `prod-deps`
# installs the production dependencies only, `runtime` takes the built app and those
# dependencies and runs as the unprivileged user `node`. Nothing is fetched at run time.

ARG NODE_VERSION=24
ARG DEBIAN_RELEASE=bookworm

# ---- build: all dependencies, the Prisma client, the Next.js production build
FROM node:${NODE_VERSION}-${DEBIAN_RELEASE}-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
# Install scripts run only where package.json's allowScripts allows them (argon2, esbuild),
# whatever npm version the base image ships; the Prisma client is generated below.
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild argon2 esbuild
COPY . .
RUN node scripts/prisma-generate.mjs \
 && NODE_ENV=production node_modules/.bin/next build \
 && rm -rf node_modules .next/cache

# ---- prod-deps: production dependencies only (tsx runs the server and its scripts). npm keeps
# devDependencies that are optional peers of production packages (the Prisma CLI, TypeScript,
# Playwright): deploy/prune-dev-peers.mjs removes them and what only they need.
FROM node:${NODE_VERSION}-${DEBIAN_RELEASE}-slim AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY deploy/prune-dev-peers.mjs deploy/
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm rebuild argon2 esbuild \
 && node deploy/prune-dev-peers.mjs \
 && npm cache clean --force

# ---- runtime
FROM node:${NODE_VERSION}-${DEBIAN_RELEASE}-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    RELM_DATA_DIR=/app/data
# The app belongs to root and only reads it; the user `node` (uid 1000) writes only the
# data folder (generated keys, audit checkpoints; a volume in compose.yaml) and Next.js's cache.
COPY --from=build /app ./
COPY --from=prod-deps /app/node_modules ./node_modules
# The commit this image was built from, for "About" and `relm --version` (lib/server/version.ts)
ARG RELM_COMMIT=""
RUN if [ -n "$RELM_COMMIT" ]; then printf '%s\n' "$RELM_COMMIT" > .relm-commit; fi \
 && mkdir -p data .next/cache \
 && chown node:node data .next/cache
USER node
EXPOSE 3000
# Liveness: the slim image has no curl, Node's fetch does it.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# What `npm start` runs (migrate when needed, seed an empty database, serve), without npm in
# between so that SIGTERM reaches the server, which closes its database before it exits.
CMD ["node_modules/.bin/tsx", "scripts/start.ts"]
