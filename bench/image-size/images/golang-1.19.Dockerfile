# Stand-in for the official golang:1.19 image. Go 1.19 comes from Debian's golang-go package
# (/usr/lib/go-1.19, /usr/bin/go) instead of /usr/local/go. GOPATH and WORKDIR as in the official image.
FROM localhost/debian:bookworm
RUN apt-get update \
 && apt-get install -y golang-go git \
 && rm -rf /var/lib/apt/lists/* \
 && go version
ENV GOPATH=/go
ENV PATH=/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
RUN mkdir -p /go/src /go/bin && chmod -R 1777 /go
WORKDIR /go
CMD ["bash"]
