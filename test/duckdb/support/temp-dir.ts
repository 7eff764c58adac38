// Kept for the one test under test/ib that still imports it from here; remove once that import
// names test/support/temp-dir.js.
export { makeTempDir } from '../../support/temp-dir.js';
