/** Why an import cannot go ahead, and the line (1-based, as a spreadsheet or editor numbers it) where it first went wrong. */
export const IMPORT_PROBLEM_CODES = [
  'bad_encoding',
  'empty_file',
  'missing_header',
  'unbalanced_quotes',
  'column_count',
  'bad_csv',
  'empty_text',
  'text_too_long',
  'unknown_sector',
  'name_too_long',
  'too_many_rows',
  'too_many_scenarios',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export interface ImportProblem {
  code: ImportProblemCode;
  message: string;
  line: number;
}
