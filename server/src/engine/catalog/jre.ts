/**
 * Which Java images are JDKs and which JRE tag runs the same Java on the same base, for
 * jdk-where-jre-would-do. Pure data and string work: no I/O.
 *
 * - eclipse-temurin publishes `-jre` tags beside every `-jdk` tag (and the untagged-kind tags such as
 *   `17-jammy`, which are JDKs) for the maintained releases 8, 11, 17, 21 and 25, on every base it builds
 *   (Ubuntu, Alpine, UBI minimal, Windows).
 * - openjdk (deprecated) published `-jre` tags for Java 8 and 11 only (Debian full and slim, and 8 on Alpine);
 *   from Java 12 on its images are JDKs on Oracle Linux with no JRE. Its Windows images had no JRE tags.
 * - ibm-semeru-runtimes publishes `open-<major>-jre-…` beside `open-<major>-jdk-…` for 8, 11, 17 and 21.
 * Other Java images (amazoncorretto, sapmachine, azul, bellsoft, maven, gradle) are not judged here.
 */
import type { ImageRef } from './imageRef.js';

export interface JreAdvice {
  /** The image as a JDK, for messages: `eclipse-temurin:17-jdk`. */
  image: string;
  /** The JRE tag of the same repository, or null when there is none to switch to. */
  jreTag: string | null;
  /** Why there is no JRE tag, or what else to use (for the message); empty when `jreTag` is set. */
  note: string;
}

const TEMURIN_MAJORS = new Set(['8', '11', '17', '21', '25']);
const SEMERU_MAJORS = new Set(['8', '11', '17', '21']);

/** A JDK image of a family this module knows, with its JRE tag; null for JREs and unknown images. */
export function jreFor(ref: ImageRef): JreAdvice | null {
  if (ref.unresolved || ref.registry !== 'docker.io') return null;
  const tag = ref.tag ?? 'latest';
  const tokens = tag.split('-');
  if (tokens.includes('jre')) return null;
  const image = `${ref.familiarName}:${tag}`;
  switch (ref.familiarName) {
    case 'eclipse-temurin': {
      const major = /^(\d+)/.exec(tag)?.[1];
      if (!major) return { image, jreTag: null, note: 'pin a release and use its `-jre` tag, e.g. eclipse-temurin:21-jre' };
      if (!TEMURIN_MAJORS.has(major)) return { image, jreTag: null, note: `eclipse-temurin has no maintained JRE tag for Java ${major}` };
      return { image, jreTag: withJre(tokens), note: '' };
    }
    case 'openjdk': {
      const major = /^(\d+)/.exec(tag)?.[1];
      const temurin = major && TEMURIN_MAJORS.has(major) ? `eclipse-temurin:${major}-jre` : 'eclipse-temurin:21-jre (a maintained release)';
      if (!major || Number(major) > 11) return { image, jreTag: null, note: `the openjdk image has no JRE tags after Java 11 (and is deprecated): ${temurin} is a maintained JRE` };
      if (tokens.some((t) => /^(?:windowsservercore|nanoserver|oraclelinux\d*|oracle)/.test(t))) return { image, jreTag: null, note: `this openjdk variant has no JRE tag: ${temurin} is a maintained JRE` };
      if (tokens.includes('alpine') && major !== '8') return { image, jreTag: null, note: `this openjdk variant has no JRE tag: ${temurin}-alpine is a maintained JRE` };
      return { image, jreTag: withJre(tokens), note: '' };
    }
    case 'ibm-semeru-runtimes': {
      const m = /^open-(\d+)/.exec(tag);
      if (!m || !tokens.includes('jdk')) return null;
      if (!SEMERU_MAJORS.has(m[1]!)) return { image, jreTag: null, note: `ibm-semeru-runtimes has no maintained JRE tag for Java ${m[1]}` };
      return { image, jreTag: withJre(tokens), note: '' };
    }
    default:
      return null;
  }
}

/** The tag with `jdk` swapped for `jre`, or `jre` put after the version (`17-jammy` → `17-jre-jammy`). */
function withJre(tokens: string[]): string {
  const i = tokens.indexOf('jdk');
  if (i >= 0) return tokens.map((t, k) => (k === i ? 'jre' : t)).join('-');
  let end = 0;
  // `8u392-b08-jammy`: the version is `8u392-b08`.
  while (end < tokens.length && (end === 0 ? /^\d/.test(tokens[end]!) : /^b\d+$/.test(tokens[end]!))) end++;
  return [...tokens.slice(0, end), 'jre', ...tokens.slice(end)].join('-');
}
