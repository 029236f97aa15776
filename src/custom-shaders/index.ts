export type { ShaderIssue, ShaderIssueCode } from './errors.js';
export { formatShaderIssue } from './errors.js';
export { HOOKS, HOOK_INPUT_NAMES, HOOK_NAMES, HOOK_PARTS, isHookName, MAX_HOOK_SOURCE, MAX_HOOK_TOKENS, MAX_LOOP_ITERATIONS, MAX_NESTED_ITERATIONS, TEMPLATE_NAMES, TEMPLATE_PREFIX, WGSL_PREDECLARED, type HookDefinition, type HookName, type HookPart } from './hooks.js';
export { SHADER_LIBRARY, libraryHook, type LibraryHook } from './library.js';
export { ANCHORS, composeHookModule, mapToUserText, spliceAnchor, templateSource, type HookTemplate, type TemplateSources } from './templates.js';
export { tokenize, declaredNames, type Token } from './tokenizer.js';
export { normaliseSource, positionOf } from './unicode.js';
export { validateHook, type HookValidation } from './validate.js';
export { HookWatchdog, DEFAULT_HOOK_BUDGET_MS } from './watchdog.js';
