export { default as Timeline } from './Timeline.svelte';
export { default as LocatorMap } from './LocatorMap.svelte';
export { default as GlossaryTerm } from './GlossaryTerm.svelte';
export { default as GlossaryList } from './GlossaryList.svelte';
export type { GlossaryItem, LocatorMapData, MapCountry, MapGeometry, PassageRange, TimelineItem } from './types';
