# Stand-in for the official node:18 image for this evaluation: the official node images ship yarn 1, the
# image-size stand-in localhost/node:18 only node and npm. Yarn 1 is Debian bookworm's `yarnpkg` (1.22.19;
# its own node-* libraries come with it), started as `yarn`.
# Built by run.mjs when missing: localhost/split-eval-standin/node:18-yarn.
FROM localhost/node:18
RUN apt-get update \
 && apt-get install -y --no-install-recommends yarnpkg \
 && rm -rf /var/lib/apt/lists/* \
 && ln -s /usr/bin/yarnpkg /usr/local/bin/yarn \
 && yarn --version
CMD ["node"]
