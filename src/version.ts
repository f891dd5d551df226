declare const __VERSION__: string;

/** The package version, like `requests.__version__`. */
export const version: string = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';
/** Like `requests.__copyright__`. */
export const copyright = 'Copyright 2026 the fetch-requests authors';
/** Like `requests.__title__`. */
export const title = 'fetch-requests';
