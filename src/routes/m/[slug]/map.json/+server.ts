import { mapFileResponse } from '$lib/server/map-files';

/** The module's map drawing (path data), fetched by the module page once its map comes near the screen. */
export const GET = ({ params, request }) => mapFileResponse(params.slug, 'json', request);
