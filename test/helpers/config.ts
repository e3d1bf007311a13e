/** Config builders for tests: the same ones the validation checks use. */
export * from '../../src/validation/builders.js';
