import rule from '../../server/src/engine/rules/jdk-where-jre-would-do.js';
import { dockerfile, testRule } from '../support/ruleTester.js';

testRule(rule, {
  valid: [
    {
      name: 'JRE already',
      code: dockerfile`
        FROM eclipse-temurin:21-jre
        COPY app.jar /app.jar
        CMD ["java", "-jar", "/app.jar"]
      `,
    },
    {
      name: 'builds in the final stage (mvn), or a builder stage with a JDK',
      code: dockerfile`
        FROM eclipse-temurin:17-jdk AS build
        COPY . /src
        RUN cd /src && ./mvnw -q package
        FROM eclipse-temurin:17-jdk
        COPY . /src
        RUN javac -d /out /src/Main.java
        CMD ["java", "-cp", "/out", "Main"]
      `,
    },
    {
      name: 'a JDK tool in the start command; Java source-file mode',
      code: dockerfile`
        FROM eclipse-temurin:17-jdk AS a
        ENTRYPOINT ["sh", "-c", "jcmd 1 VM.flags; exec java -jar /app.jar"]
        FROM openjdk:11-jdk
        CMD java /src/Hello.java
      `,
    },
    {
      name: 'no start command: a base image for others (or the default jshell)',
      code: dockerfile`
        FROM eclipse-temurin:17-jdk
        RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*
      `,
    },
    {
      name: 'images this rule does not judge',
      code: dockerfile`
        FROM amazoncorretto:17
        COPY app.jar /app.jar
        CMD ["java", "-jar", "/app.jar"]
      `,
    },
    {
      name: 'a JDK tool in the HEALTHCHECK; exec-form sh -c running jstack',
      code: dockerfile`
        FROM eclipse-temurin:17-jdk AS a
        HEALTHCHECK CMD jcmd 1 VM.uptime || exit 1
        CMD ["java", "-jar", "/app.jar"]
        FROM eclipse-temurin:21-jdk
        CMD ["sh", "-c", "trap 'jstack 1' QUIT; exec java -jar /app.jar"]
      `,
    },
    {
      name: 'CMD ["jshell"]: the JDK shell is what runs',
      code: dockerfile`
        FROM eclipse-temurin:17-jdk
        CMD ["jshell"]
      `,
    },
  ],
  invalid: [
    {
      name: 'eclipse-temurin:17-jdk running a jar copied from a build stage: unsafe fix to 17-jre',
      code: dockerfile`
        FROM maven:3.9-eclipse-temurin-17 AS build
        COPY . /src
        RUN mvn -f /src/pom.xml -q package
        FROM eclipse-temurin:17-jdk
        COPY --from=build /src/target/app.jar /app.jar
        ENTRYPOINT ["java", "-jar", "/app.jar"]
      `,
      errors: [{ line: 4, column: 6, endColumn: 28, message: 'eclipse-temurin:17-jdk is a JDK, but nothing in the image compiles or uses JDK tools: the JRE tag 17-jre runs the same Java without the compiler and tools.' }],
      output: dockerfile`
        FROM maven:3.9-eclipse-temurin-17 AS build
        COPY . /src
        RUN mvn -f /src/pom.xml -q package
        FROM eclipse-temurin:17-jre
        COPY --from=build /src/target/app.jar /app.jar
        ENTRYPOINT ["java", "-jar", "/app.jar"]
      `,
      fixSafety: 'unsafe',
    },
    {
      name: 'JDK tags without a jdk word, through a stage alias and an ARG',
      code: 'ARG JAVA=11\nFROM openjdk:${JAVA}-slim-bullseye AS runtime\nFROM runtime\nCOPY app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n',
      errors: [{ line: 2, column: 6, endColumn: 35, message: 'openjdk:11-slim-bullseye is a JDK, but nothing in the image compiles or uses JDK tools: the JRE tag 11-jre-slim-bullseye runs' }],
      output: null,
    },
    {
      name: 'temurin 21 on Alpine with a full version',
      code: dockerfile`
        FROM eclipse-temurin:21.0.2_13-alpine
        CMD ["java", "-jar", "/app.jar"]
      `,
      errors: [{ line: 1, column: 6, endColumn: 38 }],
      output: dockerfile`
        FROM eclipse-temurin:21.0.2_13-jre-alpine
        CMD ["java", "-jar", "/app.jar"]
      `,
    },
    {
      name: 'the app stage ships on a JDK; the last stage, named test, runs mvn and does not ship',
      code: dockerfile`
        FROM eclipse-temurin:21-jdk AS app
        COPY target/app.jar /app.jar
        CMD ["java", "-jar", "/app.jar"]
        FROM app AS test
        RUN mvn -q test
      `,
      errors: [{ line: 1, column: 6, endColumn: 28, message: 'eclipse-temurin:21-jdk is a JDK, but nothing in the image compiles or uses JDK tools: the JRE tag 21-jre runs the same Java without the compiler and tools.' }],
      output: dockerfile`
        FROM eclipse-temurin:21-jre AS app
        COPY target/app.jar /app.jar
        CMD ["java", "-jar", "/app.jar"]
        FROM app AS test
        RUN mvn -q test
      `,
    },
    {
      name: 'openjdk 17 has no JRE: reported, no fix, names the temurin JRE',
      code: dockerfile`
        FROM openjdk:17-jdk-slim
        COPY app.jar /app.jar
        CMD ["java", "-jar", "/app.jar"]
      `,
      errors: [{ line: 1, message: 'the openjdk image has no JRE tags after Java 11 (and is deprecated): eclipse-temurin:17-jre is a maintained JRE.' }],
      output: null,
    },
  ],
});
