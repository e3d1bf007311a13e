/** The scenario layer's suggestions: see {@link ../text/suggest.ts}. */
export * from '../text/suggest.js';
