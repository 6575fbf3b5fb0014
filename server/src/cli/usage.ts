export const USAGE = `Usage: dockerfile-slim <command> [options] [PATH...]

Find what makes a Docker image bigger than it needs to be, and fix it.

Commands:
  check PATH...      Report problems in Dockerfiles (a PATH may be a directory: searched recursively)
  fix PATH...        Apply the fixes (safe ones only, unless --unsafe)
  measure PATH       Build the Dockerfile and show each instruction's measured layer size and wasted bytes
  rules              List the rules with their default level and fix safety
  explain RULE       Show what a rule checks, why, and where its documentation is

Options for check:
  --format FORMAT               text (default), json, sarif, github (workflow annotations),
                                gitlab (Code Quality report) or checkstyle (XML)
  --failure-threshold error|warning|info|none
                                Exit with 1 when a finding is at or above this level (default: warning)
  --unsafe-fixes                Count unsafe fixes as fixable in the output ([*] mark and summary)

Options for fix:
  --unsafe                      Also apply unsafe fixes (they may change what the image contains)
  --stdout                      Print the fixed Dockerfile instead of writing it (one file only)
  --diff                        Print a unified diff instead of writing
  --verify                      Build the original and the fixed file and start each once; write (or print) the
                                fixed file only when it builds and starts like the original (answers on each
                                EXPOSEd port the original answers on, stays up, or exits with the same status
                                and first line), and report the measured saving beside the estimate (takes --builder and --build-flag as
                                measure does, and --run-flag FLAG for the container run, repeatable)

Options for measure (uses the first builder found: docker, podman, buildah):
  --format text|json            Output format (default: text)
  --builder NAME                Builder to try, in order (repeatable; default: docker, podman, buildah)
  --build-flag FLAG             Extra flag for the build command, e.g. --build-flag=--isolation=chroot (repeatable)
  --context DIR                 Build context (default: the Dockerfile's directory)
  --target STAGE                Stage to build and measure (default: the last)
  --max-waste BYTES|PERCENT     Exit with 1 when more is wasted, e.g. 20MB or 5%

Options for check, fix and measure:
  --config FILE                 Settings file applied on top of the nearest .dockerfile-slim.json
  --rule ID=LEVEL               Set a rule's level: off|info|warning|error (repeatable; wins over files)
  --debug                       Show stack traces and where each file's settings come from

  -h, --help                    Show this help
  --version                     Show the version

Dockerfiles found in directories: Dockerfile, Dockerfile.*, *.dockerfile, *.Dockerfile, Containerfile,
Containerfile.* (node_modules and .git are skipped).

Exit status: 0 no finding at or above the failure threshold (measure: waste within --max-waste); 1 at least
one (measure: over --max-waste); 2 usage error, a file that could not be read or written, an invalid settings
file, no builder or a failed build, or an internal error.
`;

export const CHECK_USAGE = `Usage: dockerfile-slim check [--format FORMAT] [--unsafe-fixes]
                             [--failure-threshold error|warning|info|none] [--rule ID=LEVEL]...
                             [--config FILE] [--debug] PATH...

Run \`dockerfile-slim --help\` for details.
`;

export const FIX_USAGE = `Usage: dockerfile-slim fix [--unsafe] [--stdout|--diff] [--rule ID=LEVEL]... [--config FILE]
                           [--verify [--builder NAME]... [--build-flag FLAG]... [--run-flag FLAG]...]
                           [--debug] PATH...

Run \`dockerfile-slim --help\` for details.
`;

export const MEASURE_USAGE = `Usage: dockerfile-slim measure [--format text|json] [--builder NAME]... [--build-flag FLAG]...
                               [--context DIR] [--target STAGE] [--max-waste BYTES|PERCENT]
                               [--rule ID=LEVEL]... [--config FILE] [--debug] PATH

Run \`dockerfile-slim --help\` for details.
`;
