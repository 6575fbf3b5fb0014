# Stand-in for the official maven:3.8-openjdk-17 image: Debian's Maven 3.8.7 and OpenJDK 17 on bookworm.
# Maven Central is not reachable here, so Maven runs offline against Debian's packaged plugin repository
# (/usr/share/maven-repo); a project must pin plugin versions that Debian ships (see fixtures/java/pom.xml).
FROM localhost/debian:bookworm
RUN apt-get update \
 && apt-get install -y openjdk-17-jdk-headless maven \
      libmaven-resources-plugin-java libmaven-compiler-plugin-java libsurefire-java \
      libmaven-jar-plugin-java libmaven-install-plugin-java \
 && rm -rf /var/lib/apt/lists/* \
 && mvn -v
COPY settings.xml /etc/maven/settings.xml
CMD ["mvn"]
