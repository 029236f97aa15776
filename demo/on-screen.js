// Whether an element is on screen, kept current by an IntersectionObserver. The demo's live
// sections (streams, rotating 3D) advance only while visible: some thirty charts share one GPU
// device, and on a software adapter an off-screen animation would slow every chart the reader sees.
export function onScreen(element) {
  const state = { visible: false };
  new IntersectionObserver((entries) => (state.visible = entries.some((e) => e.isIntersecting))).observe(element);
  return state;
}
