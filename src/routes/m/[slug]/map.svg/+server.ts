import { mapFileResponse } from '$lib/server/map-files';

/** The module's map as an SVG image, shown by browsers without JavaScript. */
export const GET = ({ params, request }) => mapFileResponse(params.slug, 'svg', request);
