/** Workshop templates: the schema, the five built-in ones, applying one, saving a board as one. */
export * from './schema';
export { BUILT_IN_TEMPLATES, builtInTemplate } from './builtIn';
export { applyTemplate, starterLayout, templateTitle } from './apply';
export { readExpectedSectors, setExpectedSectors } from './expectedSectors';
export { templateFromBoard, type SaveDefaults } from './fromBoard';
export { DEFAULT_TEMPLATE_LANGUAGE, TemplateChoiceFields, TemplateSummary, TemplatesResponse, chooseTemplate, templateSummaries, type TemplateChoice } from './api';
