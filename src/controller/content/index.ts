/**
 * Content: rendering a Bundle for a set of options into its content-addressed Content,
 * writing it once, and collecting Contents nothing refers to any more. The targeting
 * controller renders per-target option sets with `renderContent` and `ensureContent`.
 */
export { ContentCollector, type ContentCollectorOptions, type ContentReferences } from './content-collector.js';
export { contentObject } from './content-object.js';
export { ensureContent, renderContent, renderDefaultContent, type RenderContentInput, type RenderedContent } from './default-content.js';
export { toManagedNamespaceDefinition, toManagedNamespaceItem } from './managed-namespace-shape.js';
export { renderOptionsFor, type RenderOptionsInput } from './render-options.js';
export { addReferencedContents, referencedContents, unreferencedContents, type UnreferencedContentsInput } from './unreferenced-contents.js';
