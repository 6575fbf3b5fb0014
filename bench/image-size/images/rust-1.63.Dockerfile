# Stand-in for the official rust:1.63 image: Debian's rustc 1.63 and cargo on bookworm
# (the official image installs rustup into /usr/local/cargo instead).
FROM localhost/debian:bookworm
RUN apt-get update \
 && apt-get install -y rustc cargo \
 && rm -rf /var/lib/apt/lists/* \
 && rustc --version && cargo --version
CMD ["bash"]
