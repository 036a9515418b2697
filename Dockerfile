# syntax=docker/dockerfile:1
# One image for both processes: `npm run start:api` and `npm run start:worker` (see docker-compose.yml).

FROM node:22-bookworm-slim AS build
WORKDIR /app
# Puppeteer (PDF labels and invoices) uses the Debian chromium installed in the runtime stage.
ENV PUPPETEER_SKIP_DOWNLOAD=true
# argon2 ships prebuilt binaries; the toolchain is here only as a fallback for other native modules.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PUPPETEER_SKIP_DOWNLOAD=true \
    PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium \
    PORT=3000
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-noto-core ca-certificates tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json /app/package-lock.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
# tini forwards SIGTERM so the graceful shutdown (SHUTDOWN_TIMEOUT_MS) runs.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/apps/api/main.js"]
