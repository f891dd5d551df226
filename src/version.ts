import { version as packageVersion } from '../package.json';

/** The package version, like `requests.__version__`: package.json's, the one place it is written. */
export const version: string = packageVersion;
/** Like `requests.__copyright__`. */
export const copyright = 'Copyright 2026 the fetch-requests authors';
/** Like `requests.__title__`. */
export const title = 'fetch-requests';
