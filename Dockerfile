# Velocity in a container: one process hosts every preview session of the machine.
#   docker build -t velocity .
#   docker run -p 8080:8080 -e VELOCITY_API_TOKEN=... -v velocity-data:/data velocity
FROM rust:1-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin velocity

FROM debian:bookworm-slim
# Node and pnpm install packages into the machine's package store (under /data) for
# sessions whose dependencies no template has; they never run on the request path.
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm ca-certificates tini \
 && rm -rf /var/lib/apt/lists/* \
 && npm install -g pnpm@10 --no-audit --no-fund
COPY --from=build /src/target/release/velocity /usr/local/bin/velocity
# Templates with their packages installed once, shared by every session made from them.
COPY fixtures/react-ts /templates/react-ts
COPY fixtures/react-js /templates/react-js
RUN for t in /templates/*; do (cd "$t" && npm ci --omit=dev --no-audit --no-fund && npm install --no-save --no-audit --no-fund react-refresh); done
ENV VELOCITY_LISTEN=0.0.0.0:8080 \
    VELOCITY_DATA_DIR=/data \
    VELOCITY_TEMPLATES=/templates \
    VELOCITY_CACHE_DIR=/data/cache
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["/usr/bin/tini", "--", "velocity", "serve"]
