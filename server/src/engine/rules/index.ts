import type { Rule } from '../types.js';
import addRemoteArchive from './add-remote-archive.js';
import aptListsLeft from './apt-lists-left.js';
import aptRecommendsInstalled from './apt-recommends-installed.js';
import cleanupInLaterLayer from './cleanup-in-later-layer.js';
import consecutiveRun from './consecutive-run.js';
import shellFormCommand from './shell-form-command.js';

/** Every rule, in alphabetical order of id (a test keeps it so). */
export const allRules: readonly Rule[] = [addRemoteArchive, aptListsLeft, aptRecommendsInstalled, cleanupInLaterLayer, consecutiveRun, shellFormCommand];
