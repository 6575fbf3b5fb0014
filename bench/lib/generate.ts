/**
 * A long Dockerfile made of realistic blocks (package installs with continuations, downloads, ENV, COPY,
 * LABEL, EXPOSE, USER, CMD) in `stages` stages of equal length, each built FROM the one before: all of
 * them ship, so every rule looks at everything, and the structure is the same at every length, so growth
 * measures length alone. Every block differs (numbers in names, versions and paths; ENV sets the same few
 * variables again, as real files do), so no RUN text repeats and no parse is served from a cache; every
 * third block has the habits size rules look for (recommends installed, lists and pip cache kept).
 */
export function generateDockerfile(lines: number, stages = 5): string {
  const stageEvery = Math.ceil(lines / stages);
  const out: string[] = [];
  let stage = 0;
  let block = 0;
  let stageStart = 0;
  const newStage = (): void => {
    // Each stage builds FROM the one before, so every stage ships and every rule looks at all of it.
    const base = stage === 0 ? 'python:3.12-slim-bookworm' : `stage${stage - 1}`;
    out.push(`FROM ${base} AS stage${stage}`, `ARG VERSION_${stage}=1.${stage}.0`, `WORKDIR /opt/stage${stage}`);
    stage++;
    stageStart = out.length;
  };
  newStage();
  while (out.length < lines) {
    if (out.length - stageStart >= stageEvery) newStage();
    const b = block++;
    const sloppy = b % 3 === 0;
    out.push(
      `# block ${b}`,
      `ENV APP_HOME=/opt/app${b} \\`,
      `    APP_VERSION=${b}.0.${b % 7}`,
      `RUN apt-get update \\`,
      `    && apt-get install -y${sloppy ? '' : ' --no-install-recommends'} \\`,
      `        ca-certificates \\`,
      `        curl \\`,
      `        libpkg${b}-dev \\`,
      `        tool${b} \\`,
      sloppy ? `    && echo done${b}` : `    && rm -rf /var/lib/apt/lists/*`,
      `RUN set -eux; \\`,
      `    curl -fsSL "https://example.com/app-${b}.tar.gz" -o /tmp/app${b}.tar.gz; \\`,
      `    mkdir -p /opt/app${b} && tar -xzf /tmp/app${b}.tar.gz -C /opt/app${b}; \\`,
      `    rm /tmp/app${b}.tar.gz`,
      `COPY files/config-${b}.yaml /etc/app${b}/config.yaml`,
      `RUN pip install${sloppy ? '' : ' --no-cache-dir'} "package${b}==${b % 10}.${b % 13}" requests${b % 5 === 0 ? '' : `==2.${b % 30}.0`}`,
      `LABEL org.example.block${b}="${b}"`,
      `EXPOSE ${8000 + (b % 1000)}`,
      `USER app${b % 4}`,
    );
  }
  out.length = lines;
  // A cut inside a RUN's continuation would make the CMD below part of that RUN: the 5,000-line file had no
  // CMD, so the rules that leave images for others to build on alone (build-dependencies-kept…) skipped it,
  // and the 5k → 50k growth compared unlike work. The cut line ends its instruction instead.
  out[out.length - 1] = out[out.length - 1]!.replace(/\s*\\$/, '');
  out.push(`CMD ["/opt/app0/bin/app", "--serve"]`, '');
  return out.join('\n');
}
