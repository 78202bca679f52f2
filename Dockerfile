# syntax=docker/dockerfile:1
#
# One image, two processes (see docker-compose.yml):
#   API     node dist/api/main.js                      (default CMD; serves the admin app too)
#   worker  node dist/platform/temporal/worker-main.js (no HTTP: disable the HEALTHCHECK for it)
#
# Native modules need no compiler here: argon2 and @temporalio/core-bridge ship prebuilt binaries
# for linux-x64 and linux-arm64 (glibc), and @swc/core comes as a per-platform package.

ARG NODE_IMAGE=node:20-bookworm-slim
# package.json's "allowScripts" (which install scripts may run; @bicstone/ra-language-japanese's
# `npx only-allow pnpm` preinstall is denied) is honoured from npm 11.16 on. node:20 bundles
# npm 10, which ignores the field and would run that preinstall and fail, so pin the npm that
# wrote package-lock.json.
ARG NPM_VERSION=11.19.1

FROM ${NODE_IMAGE} AS npm
ARG NPM_VERSION
RUN npm install -g "npm@${NPM_VERSION}" && npm cache clean --force
WORKDIR /app
# .npmrc (yes=true) keeps any npx call in an install script from prompting.
COPY package.json package-lock.json .npmrc ./

# package-lock.json lists every platform's optional packages (linux x64/arm64, macOS), so npm ci
# installs exactly the locked tree on any of them.

# ---- build: TypeScript -> dist/, admin app -> admin-ui/dist/ ----
FROM npm AS build
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# ---- production dependencies only ----
FROM npm AS prod-deps
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --no-audit --no-fund

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
# Everything stays root-owned and read-only for the `node` user the processes run as.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json ./
COPY --from=build /app/dist ./dist
# api/main.ts serves path.resolve(__dirname, '../admin-ui/dist'); compiled to dist/api/main.js
# that is /app/dist/admin-ui/dist.
COPY --from=build /app/admin-ui/dist ./dist/admin-ui/dist
# MUNICIPALITY_PROFILE is resolved against the working directory (default profiles/example.yaml).
COPY profiles ./profiles
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/api/main.js"]
