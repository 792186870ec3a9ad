/** Bulk import of ideas: decoding a file, parsing and checking its rows, writing them onto a board. */
export { decodeImportBytes, decodeWindows1252, type Decoded } from './decode';
export { IMPORT_PROBLEM_CODES, type ImportProblem, type ImportProblemCode } from './problems';
export { MAX_IMPORT_ROWS, firstProblem, parseCsv, parseLines, parsePastedText, sectorOf, type ImportPreview, type ImportRow, type LineInput, type RowPreview } from './parse';
export { IMPORT_AUTHOR_ID, IMPORT_DEFAULT_AUTHOR, IMPORT_DEFAULT_SECTOR, importRows, type ImportOutcome } from './apply';
export { ImportBody, ImportErrorResponse, ImportLine, ImportResponse, MAX_IMPORT_BYTES } from './api';
