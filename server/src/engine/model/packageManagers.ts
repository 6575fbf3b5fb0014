/**
 * The system package managers, as one table: for each family, its command names, the options that take a
 * value, where it keeps what it downloads, its subcommand aliases and which actions install, remove, fetch
 * or clean. Every question about a package-manager command (packages.ts, the layer walk, the build facts,
 * the rules) reads this table; nothing else lists these commands or options.
 */

/**
 * The package-manager families told apart here; `dnf` covers dnf, dnf5, dnf-3 and microdnf. `tdnf` (Photon OS,
 * Azure Linux) speaks dnf's commands but has its own cache and no weak dependencies, so it is a family of its own.
 */
export type PackageManager = 'apk' | 'apt' | 'dnf' | 'tdnf' | 'yum' | 'zypper';

export interface PackageManagerFacts {
  /** Command names (basenames) of the family. */
  readonly commands: readonly string[];
  /**
   * Options that take their value as the next word (`dnf --setopt X install`, `apk -X URL add`,
   * `apt-get -t bookworm-backports install`), before or after the subcommand.
   */
  readonly optionsWithValue: ReadonlySet<string>;
  /** Where the family keeps what it downloads (yum 4 and microdnf are dnf underneath, dnf5 uses libdnf5). */
  readonly cacheDirs: readonly string[];
  /** Subcommand aliases, resolved to one action: `zypper in` → `install`, `dnf up` → `upgrade`, `zypper cc` → `clean`. */
  readonly aliases: ReadonlyMap<string, string>;
  /** Subcommands that take a second word saying what they do (`dnf group install`, `apk cache clean`). */
  readonly twoWord: ReadonlySet<string>;
  /** Actions that download repository metadata or packages, and so fill the cache. */
  readonly fetching: ReadonlySet<string>;
  /** The action that installs packages by name. */
  readonly install: string;
  /** Actions that remove packages by name (or, for `autoremove`, what nothing needs any more). */
  readonly remove: ReadonlySet<string>;
  /**
   * The BuildKit cache mounts that keep this family's downloads out of the layer (`sharing=locked`: these
   * managers take a lock of their own and cannot share a cache with a concurrent build), and a command that
   * must run first in the same RUN for the cache to be kept.
   */
  readonly cacheMount: {
    readonly targets: readonly string[];
    /** Other targets for some of the family's commands (dnf5 and microdnf keep their cache elsewhere). */
    readonly byCommand?: Readonly<Record<string, readonly string[]>>;
    readonly prepare?: string;
    /** What a full clean (`apt-get clean`) empties, when not every target (apt's lists stay; `distclean` also empties them). */
    readonly cleaned?: readonly string[];
  };
}

const RPM_OPTIONS_WITH_VALUE = [
  '-c', '--config', '--installroot', '--releasever', '--setopt', '--setvar', '--enablerepo', '--disablerepo',
  '--enable-repo', '--disable-repo', '--repo', '--repoid', '--from-repo', '-x', '--exclude', '-d', '--debuglevel',
  '-e', '--errorlevel', '--rpmverbosity', '--disableplugin', '--enableplugin', '--forcearch', '--color',
  '--destdir', '--downloaddir', '--comment', '--repofrompath', '-R', '--randomwait',
];
const RPM_ALIASES: [string, string][] = [
  ['in', 'install'], ['localinstall', 'install'], ['groupinstall', 'install'], ['rei', 'reinstall'], ['update', 'upgrade'],
  ['up', 'upgrade'], ['update-to', 'upgrade'], ['upgrade-to', 'upgrade'], ['localupdate', 'upgrade'],
  ['update-minimal', 'upgrade'], ['upgrade-minimal', 'upgrade'], ['groupupdate', 'upgrade'], ['dg', 'downgrade'],
  ['distrosync', 'distro-sync'], ['dsync', 'distro-sync'], ['distribution-synchronization', 'distro-sync'], ['mc', 'makecache'],
];
const RPM_FETCHING = ['install', 'reinstall', 'upgrade', 'downgrade', 'distro-sync', 'swap', 'makecache', 'builddep', 'download', 'enable'];
const RPM_REMOVE = ['remove', 'erase', 'autoremove', 'groupremove'];
const RPM_TWO_WORD = ['group', 'groups', 'grp', 'module'];

export const PACKAGE_MANAGERS: Readonly<Record<PackageManager, PackageManagerFacts>> = {
  apk: {
    commands: ['apk'],
    optionsWithValue: new Set([
      '-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file', '--progress-fd',
      '--cache-max-age', '--wait', '--timeout', '-t', '--virtual',
    ]),
    cacheDirs: ['/var/cache/apk', '/etc/apk/cache'],
    aliases: new Map(),
    twoWord: new Set(['cache']),
    fetching: new Set(['add', 'upgrade', 'update', 'fix', 'fetch']),
    install: 'add',
    remove: new Set(['del']),
    cacheMount: { targets: ['/var/cache/apk'] },
  },
  apt: {
    commands: ['apt-get', 'apt'],
    optionsWithValue: new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release']),
    cacheDirs: ['/var/cache/apt', '/var/lib/apt/lists'],
    aliases: new Map(),
    twoWord: new Set(),
    fetching: new Set(['update', 'install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'source', 'download']),
    install: 'install',
    remove: new Set(['purge', 'remove', 'autoremove']),
    cacheMount: { targets: ['/var/cache/apt', '/var/lib/apt/lists'], prepare: 'rm -f /etc/apt/apt.conf.d/docker-clean', cleaned: ['/var/cache/apt'] },
  },
  dnf: {
    commands: ['dnf', 'dnf5', 'dnf-3', 'microdnf'],
    optionsWithValue: new Set(RPM_OPTIONS_WITH_VALUE),
    cacheDirs: ['/var/cache/dnf', '/var/cache/yum', '/var/cache/libdnf5'],
    aliases: new Map(RPM_ALIASES),
    twoWord: new Set(RPM_TWO_WORD),
    fetching: new Set(RPM_FETCHING),
    install: 'install',
    remove: new Set(RPM_REMOVE),
    cacheMount: { targets: ['/var/cache/dnf'], byCommand: { dnf5: ['/var/cache/libdnf5'], microdnf: ['/var/cache/yum'] } },
  },
  tdnf: {
    commands: ['tdnf'],
    optionsWithValue: new Set(RPM_OPTIONS_WITH_VALUE),
    cacheDirs: ['/var/cache/tdnf'],
    aliases: new Map(RPM_ALIASES),
    twoWord: new Set(RPM_TWO_WORD),
    fetching: new Set(RPM_FETCHING),
    install: 'install',
    remove: new Set(RPM_REMOVE),
    cacheMount: { targets: ['/var/cache/tdnf'] },
  },
  yum: {
    commands: ['yum'],
    optionsWithValue: new Set(RPM_OPTIONS_WITH_VALUE),
    cacheDirs: ['/var/cache/yum', '/var/cache/dnf', '/var/cache/libdnf5'],
    aliases: new Map(RPM_ALIASES),
    twoWord: new Set(RPM_TWO_WORD),
    fetching: new Set(RPM_FETCHING),
    install: 'install',
    remove: new Set(RPM_REMOVE),
    // yum is dnf underneath since RHEL 8: which cache it fills depends on the image.
    cacheMount: { targets: ['/var/cache/yum', '/var/cache/dnf'] },
  },
  zypper: {
    commands: ['zypper'],
    // Not `-t`: before the subcommand it is `--terse`, which takes no value. `-r`/`--repo`/`--from` are
    // install options (`zypper in -r REPO pkg`).
    optionsWithValue: new Set([
      '-R', '--root', '-c', '--config', '-D', '--reposd-dir', '-C', '--cache-dir', '--raw-cache-dir', '--solv-cache-dir',
      '--pkg-cache-dir', '-p', '--plus-repo', '--plus-content', '--userdata', '--installroot', '-r', '--repo', '--from',
    ]),
    cacheDirs: ['/var/cache/zypp'],
    aliases: new Map([
      ['in', 'install'], ['up', 'upgrade'], ['update', 'upgrade'], ['dup', 'dist-upgrade'], ['si', 'source-install'],
      ['inr', 'install-new-recommends'], ['ref', 'refresh'], ['cc', 'clean'], ['rm', 'remove'],
    ]),
    twoWord: new Set(),
    fetching: new Set(['install', 'upgrade', 'dist-upgrade', 'patch', 'source-install', 'install-new-recommends', 'refresh', 'download']),
    install: 'install',
    remove: new Set(['remove']),
    cacheMount: { targets: ['/var/cache/zypp'] },
  },
};

/** Every family, in the table's order. */
export const PACKAGE_MANAGER_NAMES = Object.keys(PACKAGE_MANAGERS) as PackageManager[];

const MANAGER_BY_COMMAND = new Map<string, PackageManager>(
  PACKAGE_MANAGER_NAMES.flatMap((manager) => PACKAGE_MANAGERS[manager].commands.map((n) => [n, manager] as const)),
);

/** The family of a command name (basename): `apt-get` → `apt`, `microdnf` → `dnf`; null for other commands. */
export function packageManagerNamed(name: string | null | undefined): PackageManager | null {
  return name ? (MANAGER_BY_COMMAND.get(name) ?? null) : null;
}
