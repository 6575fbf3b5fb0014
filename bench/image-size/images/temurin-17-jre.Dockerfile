# Stand-in for a JRE-only runtime image (eclipse-temurin:17-jre): Debian's headless OpenJDK 17 JRE on
# bookworm-slim. (The official Temurin images are Ubuntu-based; this is the closest Debian equivalent.)
FROM localhost/debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/* \
 && java -version
CMD ["jshell"]
