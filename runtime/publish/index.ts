/** Publishing metadata versions: plan (pure), apply (one transaction), publish (the use case). */
export { planPublish, publishedAction } from './plan.js';
export type { MigrationStep, Plan, PlanAction, PlanActionKind, Refusal } from './plan.js';
export { applyPlan, METADATA_CHANNEL, PUBLISH_LOCK_KEY, type ApplyMeta } from './apply.js';
export { documentsChecksum, sameJson } from './checksum.js';
export { loadCurrentModel, publishMetadata, readModel } from './publish.js';
export type { PublishOptions, PublishResult, PublishedModel } from './publish.js';
