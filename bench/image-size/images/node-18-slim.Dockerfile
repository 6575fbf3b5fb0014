# Stand-in for the official node:18-slim image: Debian's nodejs 18 (no recommends) on bookworm-slim, and
# npm 10.8.2 from its npm tarball, as in node-18.Dockerfile.
FROM localhost/debian:bookworm-slim
COPY npm-10.8.2.tgz /tmp/npm.tgz
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /usr/local/lib/node_modules/npm \
 && tar -xzf /tmp/npm.tgz -C /usr/local/lib/node_modules/npm --strip-components=1 --no-same-owner \
 && rm /tmp/npm.tgz \
 && ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version
CMD ["node"]
