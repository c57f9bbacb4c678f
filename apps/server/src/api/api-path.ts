/** Prefix of the versioned REST API. */
export const API_V1 = 'api/v1';
