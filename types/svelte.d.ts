// Svelte 5 typings for the elements: `import type {} from 'gpu-charts/svelte'` once (or list
// 'gpu-charts/svelte' in tsconfig `types`). Svelte 5 sets `data={...}` as a property and listens
// to `ongpu-ready={...}`: the same shape as the JSX prop map generated from custom-elements.json
// (types/jsx.d.ts; custom-element-svelte-integration writes Svelte 4's `bind:`/`on:` forms).
// Svelte's own HTML attributes (class, style as a string, onclick, …) come with it.
import type { HTMLAttributes } from 'svelte/elements';
import type { CustomElements } from './jsx.js';

type ReactOnly = 'children' | 'className' | 'classList' | 'key' | 'ref' | 'style';
type ElementOf<Tag extends string> = Tag extends keyof HTMLElementTagNameMap ? HTMLElementTagNameMap[Tag] : HTMLElement;
type SvelteElements = {
  [Tag in keyof CustomElements]: Omit<CustomElements[Tag], ReactOnly> & Omit<HTMLAttributes<ElementOf<Tag>>, Exclude<keyof CustomElements[Tag], ReactOnly>>;
};

declare module 'svelte/elements' {
  interface SvelteHTMLElements extends SvelteElements {}
}
