# Stand-in for the official gcc:12 image (Debian bookworm + GCC 12).
# Official gcc:12 builds GCC from source on buildpack-deps:bookworm; here GCC 12.2 comes from Debian.
FROM localhost/debian:bookworm
RUN apt-get update \
 && apt-get install -y gcc make libc6-dev \
 && rm -rf /var/lib/apt/lists/* \
 && gcc --version | head -1
CMD ["bash"]
