import { version } from '../../../package.json';

export const VERSION: string = version;
export const HOMEPAGE = 'https://github.com/dockerfile-slim/dockerfile-slim';
