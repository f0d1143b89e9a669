# syntax=docker/dockerfile:1
#
# One build, one image per deployable:
#   docker build --target api        -t reviewflow-api .
#   docker build --target worker-cpu -t reviewflow-worker-cpu .
#   docker build --target worker-gpu -t reviewflow-worker-gpu .
#
# Debian slim, not Alpine: the Temporal SDK's native core (@temporalio/core-bridge) is built against
# glibc. Pin NODE_IMAGE to a digest in production (`--build-arg NODE_IMAGE=node:20-bookworm-slim@sha256:...`).
ARG NODE_IMAGE=node:20-bookworm-slim

# --- Package manifests only, so the `npm ci` layer is reused until a dependency changes. BuildKit
# keys the COPY --from below by content, so edits to source files never invalidate it.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && find . -name package.json -not -path '*/node_modules/*' -exec cp --parents {} /manifests/ \; \
 && cp package-lock.json /manifests/

# --- Install, compile, bundle the workflows, then drop dev dependencies.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY --from=manifests /manifests/ ./
# No install scripts: none is needed (core-bridge ships its native binary), and tests run without them.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# The workflow bundle is built from the compiled code the workers run; worker-cpu loads it through
# WORKFLOW_BUNDLE_PATH instead of running webpack at every start.
RUN npm run build \
 && node dist/scripts/build-workflow-bundle.js apps/worker-cpu/dist/workflow-bundle.js \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund
# What each deployable runs, in /out/<target>: the root manifest, production node_modules and of
# the workspace packages only those its code imports at run time (its dependencies, transitively),
# each as its package.json, dist and own node_modules; no TypeScript sources, no tests (each
# package's tsconfig compiles its src only; tsconfig.test.json type-checks the tests). Links to
# workspace packages a deployable does not ship are dropped with the others that point nowhere. Of
# the SDK's native core only this platform's build (the others are ~100 MB).
RUN releases=node_modules/@temporalio/core-bridge/releases \
 && if [ -d "$releases" ]; then \
      find "$releases" -mindepth 1 -maxdepth 1 ! -name "$(uname -m)-unknown-linux-gnu" -exec rm -rf {} +; \
    fi \
 && ship() { \
      out="/out/$1" && shift && mkdir -p "$out" && cp -a package.json node_modules "$out/" || return 1; \
      for dir in "$@"; do \
        mkdir -p "$out/$dir" && cp -a "$dir/package.json" "$dir/dist" "$out/$dir/" || return 1; \
        if [ -d "$dir/node_modules" ]; then cp -a "$dir/node_modules" "$out/$dir/" || return 1; fi; \
      done; \
      find "$out/node_modules" -xtype l -delete; \
    } \
 && ship api packages/contract packages/config apps/api \
 && ship worker-cpu packages/contract packages/config packages/activities packages/workflows \
      packages/worker-runtime apps/worker-cpu \
 && ship worker-gpu packages/contract packages/config packages/activities packages/worker-runtime apps/worker-gpu

# --- What every deployable runs on.
FROM ${NODE_IMAGE} AS runtime
# tini runs as PID 1: it forwards SIGTERM to node, whose handlers drain (the API closes its server,
# the workers' SDK runtime finishes running activities), and it reaps orphaned grandchildren of
# `git`, which node as PID 1 would leave as zombies. ca-certificates: the SDK's native core verifies
# TLS (Temporal Cloud, mTLS) against the system trust store. Debian's security updates move package
# versions, so they are not pinned (DL3008); the base image tag pins the release.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tini \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir /data \
 && chown 1000:1000 /data
# The artifact store (REVIEWFLOW_DATA_DIR) is the only place the apps write besides /tmp; in
# Kubernetes both are volumes, so the root filesystem can be read-only.
ENV NODE_ENV=production \
    REVIEWFLOW_DATA_DIR=/data
WORKDIR /app
ENTRYPOINT ["/usr/bin/tini", "--"]

# --- The API and worker-cpu read local git repositories (`"source": {"kind": "git"}`).
FROM runtime AS runtime-git
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends git \
 && rm -rf /var/lib/apt/lists/*

# --- worker-gpu: embedding activities on the reviewflow-gpu task queue.
FROM runtime AS worker-gpu
# Code stays root-owned and read-only to the process that runs it.
COPY --from=build /out/worker-gpu/ ./
# The image's `node` user, by number so Kubernetes' runAsNonRoot can verify it.
USER 1000:1000
ENV METRICS_HOST=0.0.0.0 \
    METRICS_PORT=9465 \
    LIVENESS_FILE=/tmp/reviewflow-alive
EXPOSE 9465
# The liveness file is rewritten every 10 s while the event loop turns; it never asks Temporal.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["sh", "-c", "test -n \"$(find \"$LIVENESS_FILE\" -newermt '-60 seconds' 2>/dev/null)\""]
CMD ["node", "apps/worker-gpu/dist/src/main.js"]

# --- worker-cpu: the workflows and the git, review and publishing activities (reviewflow-cpu).
FROM runtime-git AS worker-cpu
COPY --from=build /out/worker-cpu/ ./
USER 1000:1000
ENV METRICS_HOST=0.0.0.0 \
    METRICS_PORT=9464 \
    LIVENESS_FILE=/tmp/reviewflow-alive \
    WORKFLOW_BUNDLE_PATH=/app/apps/worker-cpu/dist/workflow-bundle.js
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["sh", "-c", "test -n \"$(find \"$LIVENESS_FILE\" -newermt '-60 seconds' 2>/dev/null)\""]
CMD ["node", "apps/worker-cpu/dist/src/main.js"]

# --- api: the HTTP gateway. Last, so a plain `docker build .` gives the API.
FROM runtime-git AS api
COPY --from=build /out/api/ ./
USER 1000:1000
ENV HOST=0.0.0.0 \
    PORT=3000
EXPOSE 3000
# /healthz is liveness only: it never depends on Temporal (that is /readyz). Node has fetch; the
# slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# A gateway allocates little per request: 2 MB young-generation semi-spaces (V8's default is 16)
# keep it ~30 MB smaller at the same throughput (npm run bench measures both).
CMD ["node", "--max-semi-space-size=2", "apps/api/dist/src/server.js"]
