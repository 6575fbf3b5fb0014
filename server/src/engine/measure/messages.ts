import { catalogOf } from '../i18n/locale.js';
import en from './measure.en.json';
import zhCn from './measure.zh-cn.json';

/**
 * The words of a measured waste link (`wasteSentence`), in English and Simplified Chinese: data, one JSON
 * bundle per language (`measure.en.json`, `measure.zh-cn.json`); the keys are the English bundle's.
 */
export const MEASURE_MESSAGES = catalogOf(en, zhCn);
