# Majordome add-on image. The Supervisor builds it on the user's machine (aarch64 or amd64);
# build.yaml is deprecated, so this file names its bases itself.

# The Node major users run; scripts/test.sh reads it from here and runs the suite on the same one.
ARG NODE_MAJOR=22

# ---- build: TypeScript and the native SQLite addon, compiled against the Node that ships ----
FROM node:${NODE_MAJOR}-bookworm-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
# Headers from this image, so node-gyp never needs to download them.
ENV npm_config_nodedir=/usr/local
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The panel has its own build step once package.json defines build:panel. Of better-sqlite3's
# build only the addon is needed at run time: its SQLite sources and objects are ~26 MB.
RUN npm run build && npm run --if-present build:panel && npm prune --omit=dev \
    && cd node_modules/better-sqlite3 \
    && mv build/Release/better_sqlite3.node /tmp/ \
    && rm -rf build deps src \
    && mkdir -p build/Release \
    && mv /tmp/better_sqlite3.node build/Release/

# ---- runtime: HA's Debian base (s6-overlay v3 as /init, bashio) ----
FROM ghcr.io/home-assistant/base-debian:bookworm

ARG BUILD_ARCH
ARG BUILD_VERSION

# Debian's chromium runs on both arches (Playwright's own browsers do not run here); the fonts
# make pages and screenshots legible; curl serves the health check; bubblewrap is the shell
# sandbox (shell_sandbox: bwrap).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        bubblewrap \
        ca-certificates \
        chromium \
        curl \
        fonts-liberation \
        fonts-noto-color-emoji \
    && rm -rf /var/lib/apt/lists/*

COPY --from=build /usr/local/bin/node /usr/local/bin/node

# The server (and so Chromium and shell commands) runs as this user, not root: a bug in a page the
# browser opens then gets neither root nor, with Chromium's own sandbox (off for root), the
# server's files. The s6 run script hands /data to it and drops to it (s6-setuidgid).
RUN useradd --system --user-group --create-home --home-dir /home/majordome \
        --shell /usr/sbin/nologin majordome

WORKDIR /opt/majordome
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist

# s6 service: /etc/s6-overlay/s6-rc.d/majordome (run bits are committed in git).
COPY addon/rootfs /

# glibc's allocator keeps an arena per thread and keeps freed memory in each: after the first load
# of a big home (megabytes of JSON over the socket) that is memory the server never uses again.
# Two arenas and an early trim return it: about 9 MiB less idle RSS at 5,000 entities on Node 22
# (`npm run bench -- --only=home` runs the server with these settings, read from here).
ENV NODE_ENV=production \
    MAJORDOME_DATA_DIR=/data \
    MAJORDOME_PORT=8099 \
    MAJORDOME_CHROMIUM=/usr/bin/chromium \
    MALLOC_ARENA_MAX=2 \
    MALLOC_TRIM_THRESHOLD_=131072

# Replaces the obsolete `watchdog`: the Supervisor restarts an add-on that turns unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8099/api/health || exit 1

LABEL \
    io.hass.name="Majordome" \
    io.hass.description="A careful AI agent for your home, behind Home Assistant's own login." \
    io.hass.type="addon" \
    io.hass.arch="${BUILD_ARCH}" \
    io.hass.version="${BUILD_VERSION}" \
    org.opencontainers.image.title="Majordome" \
    org.opencontainers.image.licenses="Apache-2.0" \
    org.opencontainers.image.version="${BUILD_VERSION}"
