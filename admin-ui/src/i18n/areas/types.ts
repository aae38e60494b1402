/** The zh-CN half of an area catalogue must have exactly the keys of its English half. */
export type AreaMessages<T> = Record<keyof T, string>;
