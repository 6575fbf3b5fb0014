# Stand-in for the official node:18 image (Node 18.20 + npm 10.8.2 on buildpack-deps:bookworm).
# Node 18 comes from Debian's nodejs package (/usr/bin/node); npm 10.8.2 is the release the official
# node:18 images bundle, unpacked from its npm tarball (fetched by setup.sh). Compilers, git, curl and
# python3 play the part of buildpack-deps, which the official image is based on.
FROM localhost/debian:bookworm
COPY npm-10.8.2.tgz /tmp/npm.tgz
RUN apt-get update \
 && apt-get install -y nodejs build-essential python3 git curl ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /usr/local/lib/node_modules/npm \
 && tar -xzf /tmp/npm.tgz -C /usr/local/lib/node_modules/npm --strip-components=1 --no-same-owner \
 && rm /tmp/npm.tgz \
 && ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version
CMD ["node"]
