# Stand-in for the official rust image for this evaluation: Debian bookworm's `rustc-web`/`cargo-web`
# (Rust 1.85+, from bookworm and bookworm-security), which fetch crates.io through its sparse index
# (index.crates.io, reachable here); the image-size stand-in localhost/rust:1.63 uses the git index on
# github.com, which is not reachable, and cannot read version-4 Cargo.lock files. The official image is
# buildpack-deps based: a C compiler, pkg-config and libssl-dev come with it, so they are installed too.
# Same C library as localhost/debian:bookworm-slim, the runtime the split chooses.
# Built by run.mjs when missing: localhost/split-eval-standin/rust:web.
FROM localhost/debian:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends rustc-web cargo-web gcc libc6-dev pkg-config libssl-dev ca-certificates make \
 && rm -rf /var/lib/apt/lists/* \
 && (command -v cargo || ln -s /usr/lib/rust-web/bin/cargo /usr/local/bin/cargo) \
 && cargo --version && rustc --version
ENV CARGO_HOME=/usr/local/cargo PATH=/usr/local/cargo/bin:$PATH
CMD ["bash"]
