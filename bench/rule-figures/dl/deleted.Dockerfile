FROM node:18
RUN curl -fsSL -o /tmp/go-src.tar.gz http://deb.debian.org/debian/pool/main/g/golang-1.19/golang-1.19_1.19.8.orig.tar.gz \
 && mkdir /opt/go-src && tar -xzf /tmp/go-src.tar.gz -C /opt/go-src \
 && rm -f /tmp/go-src.tar.gz
