/**
 * The catalogs outside the rules (each rule keeps its own beside its code), listed in one place so that a
 * test can check all of them for both languages and matching placeholders.
 */
import { HOVER_MESSAGES } from '../catalog/hoverMessages.js';
import { CACHE_MOUNT_MESSAGES } from '../cacheMount.js';
import { MEASURE_MESSAGES } from '../measure/messages.js';
import { SPLIT_MESSAGES } from '../split/messages.js';
import { BASIS_MESSAGES } from '../catalog/basis.js';
import { ENGINE_MESSAGES } from './engineMessages.js';

export const SERVER_CATALOGS = {
  engine: ENGINE_MESSAGES,
  cacheMount: CACHE_MOUNT_MESSAGES,
  measure: MEASURE_MESSAGES,
  split: SPLIT_MESSAGES,
  basis: BASIS_MESSAGES,
};

/** Catalogs written in Markdown (backticks are code there). */
export const MARKDOWN_CATALOGS = {
  hover: HOVER_MESSAGES,
};
