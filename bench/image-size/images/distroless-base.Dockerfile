# Stand-in for gcr.io/distroless/base-debian12 (static + glibc + OpenSSL) and, with libgcc/libstdc++,
# for gcr.io/distroless/cc-debian12. Files are copied from the Debian packages' file lists.
FROM localhost/debian:bookworm-slim AS files
RUN apt-get update \
 && apt-get install -y --no-install-recommends libssl3 libgcc-s1 libstdc++6 \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /out \
 && for p in libc6 libssl3 libgcc-s1 libstdc++6; do \
      dpkg -L "$p" | while read -r f; do \
        if [ -f "$f" ] || [ -L "$f" ]; then case "$f" in /usr/share/*) ;; *) cp -a --parents "$f" /out/ ;; esac; fi; \
      done; \
    done \
 && ls -l /out/lib64/ /out/usr/lib/x86_64-linux-gnu/ | head -5

FROM gcr.io/distroless/static-debian12:latest
COPY --from=files /out/ /
