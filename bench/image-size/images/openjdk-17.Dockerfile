# Stand-in for a full JDK 17 image (openjdk:17 / eclipse-temurin:17-jdk): Debian's OpenJDK 17 on bookworm.
FROM localhost/debian:bookworm
RUN apt-get update \
 && apt-get install -y openjdk-17-jdk-headless \
 && rm -rf /var/lib/apt/lists/* \
 && javac -version && java -version
CMD ["jshell"]
