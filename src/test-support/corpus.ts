import path from 'node:path';

// The shared real-world data (CSAF advisories, OASIS tests, KEV, CycloneDX examples): beside the
// checkout in ../shared/corpus, or where PATCHWERK_CORPUS_DIR points (CI sets it when the clone is
// elsewhere). Tests that need it skip with a printed reason when it is missing.

/** The corpus folder. */
export const corpusDir = process.env.PATCHWERK_CORPUS_DIR
  ? path.resolve(process.env.PATCHWERK_CORPUS_DIR)
  : path.resolve(import.meta.dirname, '../../../shared/corpus');
