import type { CreateAnnotationEditor } from './chart-annotations-context.js';

let loaded: CreateAnnotationEditor | null = null;
let loading: Promise<CreateAnnotationEditor> | null = null;

/** The editor's factory once its chunk has loaded, else null (see loadAnnotationEditor). */
export function annotationEditorFactory(): CreateAnnotationEditor | null {
  return loaded;
}

/**
 * Loads the annotation editor (pointer and keyboard editing, drawing mode): a chunk of its own,
 * fetched the first time a chart has an editable annotation or starts drawing. Call it early to
 * have editing ready before the first press. A failed load may be tried again.
 */
export function loadAnnotationEditor(): Promise<void> {
  loading ??= import('./chart-annotations-editor.js').then(
    (module) => (loaded = module.createAnnotationEditor),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading.then(() => undefined);
}
