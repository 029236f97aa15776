import type { ChartConfig } from '../../config/schema.js';
import type { ConfigIssue } from '../../config/errors.js';
import type { AnnotationStore } from '../../annotations/store.js';
import { validateAnnotation, type AnnotationIssue } from '../../annotations/validate.js';
import type { Annotation } from '../../annotations/types.js';
import type { GpuAnnotation } from '../gpu-annotation/gpu-annotation.js';
import { resolveCssColor } from '../resolve-css-color.js';
import type { AnnotationsHost } from './chart-annotations-context.js';

/**
 * The declared annotations: `annotations:` in the configuration and `<gpu-annotation>` children
 * (children win over configured ones of the same id), validated and handed to the store. Invalid
 * ones are reported (`gpu-config-error` for the configuration, the child's own report) and left out.
 */
export class AnnotationDeclarations {
  private readonly children = new Set<GpuAnnotation>();
  private childrenDirty = false;
  private configList: ChartConfig['annotations'] | null = null;

  constructor(
    private readonly host: AnnotationsHost,
    private readonly store: AnnotationStore,
  ) {}

  childConnected(child: GpuAnnotation): void {
    this.children.add(child);
    this.changed();
  }

  childDisconnected(child: GpuAnnotation): void {
    if (this.children.delete(child)) this.changed();
  }

  changed(): void {
    this.childrenDirty = true;
    this.host.invalidate();
  }

  /** Brings the store's declared annotations up to date; does nothing when nothing changed. */
  sync(): void {
    const list = this.host.effectiveConfig.annotations;
    if (list === this.configList && !this.childrenDirty) return;
    const configChanged = list !== this.configList;
    this.configList = list;
    this.childrenDirty = false;
    const declared: Annotation[] = [];
    const configIssues: ConfigIssue[] = [];
    for (const item of list) {
      const id = (item as { id: string }).id;
      const { annotation, issues } = validateAnnotation(item, `annotations.${id}`);
      for (const issue of issues) configIssues.push({ path: issue.path, message: issue.message, source: 'config' });
      if (annotation) declared.push(checkColors(annotation, `annotations.${id}`, configIssues));
    }
    // Reported when the configuration changed, not again on every change of a child.
    if (configChanged && configIssues.length > 0) this.host.reportConfigIssues(configIssues);
    for (const child of this.children) {
      const base = `gpu-annotation#${child.annotationId}`;
      const { annotation, issues } = validateAnnotation(child.toJSON(), base);
      const all: AnnotationIssue[] = [...issues];
      if (annotation) {
        const colorIssues: ConfigIssue[] = [];
        // Children win over configured annotations of the same id.
        const index = declared.findIndex((a) => a.id === annotation.id);
        const checked = checkColors(annotation, base, colorIssues);
        if (index >= 0) declared[index] = checked;
        else declared.push(checked);
        all.push(...colorIssues);
      }
      child.report(all);
    }
    this.store.setDeclared(declared);
  }
}

/** Colours the syntax check let through but the browser cannot parse: reported, default used. */
export function checkColors(a: Annotation, base: string, issues: { path: string; message: string; source?: string }[]): Annotation {
  let out = a;
  for (const key of ['color', 'fill'] as const) {
    const value = out[key];
    if (value !== null && resolveCssColor(value) === null) {
      issues.push({ path: `${base}.${key}`, message: `"${value}" is not a colour this browser knows; drawing the default colour`, source: 'config' });
      out = { ...out, [key]: null };
    }
  }
  return out;
}
