// Markdown-it plugin: a fenced block whose info string has `live` (```html live) becomes an
// editable, running example (<LiveExample>, theme/LiveExample.vue). The code travels URI-encoded
// in a static attribute, so neither Markdown nor Vue's template compiler reads it.
export function liveFence(md) {
  const fence = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, index, options, env, self) => {
    const token = tokens[index];
    const words = token.info.trim().split(/\s+/);
    if (!words.includes('live')) return fence(tokens, index, options, env, self);
    const title = /title="([^"]*)"/.exec(token.info)?.[1] ?? '';
    return `<LiveExample code="${encodeURIComponent(token.content)}" title="${md.utils.escapeHtml(title)}" />\n`;
  };
}

/**
 * Inline code is left to Markdown, not to Vue: `{{ … }}` in a code span (a template in a guide, a
 * WGSL snippet) would otherwise be read as Vue interpolation and break the build of that page.
 */
export function inlineCodeVerbatim(md) {
  const inline = md.renderer.rules.code_inline;
  md.renderer.rules.code_inline = (tokens, index, options, env, self) => inline(tokens, index, options, env, self).replace(/^<code/, '<code v-pre');
}
