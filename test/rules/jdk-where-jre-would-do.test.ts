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
