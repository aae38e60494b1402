/** Where the triggers editor's pages are, and what a trigger's name may be (its meta-schema's pattern). */
export const TRIGGER_NAME = /^[a-z][a-zA-Z0-9-]{0,63}$/;
export const triggerPath = (name: string) => `/studio/triggers/${encodeURIComponent(name)}`;
/** The draft's validate-preview-publish page (the entity designer's): publishing is the whole draft's. */
export const PUBLISH_PATH = '/studio/model/publish';
