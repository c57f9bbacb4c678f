/** Small helpers for calling the API of a running test server. */
export function apiClient(baseUrl: string) {
  const call = async (method: string, path: string, options: { body?: unknown; token?: string; headers?: Record<string, string> } = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    });
    const text = await response.text();
    // A download (an export, an attachment) answers with its own bytes, not JSON.
    const json = text !== '' && (response.headers.get('content-type') ?? '').includes('json');
    return { status: response.status, headers: response.headers, body: (json ? JSON.parse(text) : undefined) as Record<string, unknown>, text };
  };
  /** A multipart upload: text fields first, then the file part. */
  const upload = async (path: string, file: { name: string; bytes: Uint8Array<ArrayBuffer>; type?: string }, fields: Record<string, string> = {}, options: { token?: string } = {}) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
    const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: options.token ? { authorization: `Bearer ${options.token}` } : {}, body: form });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> };
  };
  return {
    get: (path: string, options?: { token?: string; headers?: Record<string, string> }) => call('GET', path, options),
    post: (path: string, body: unknown, options?: { token?: string; headers?: Record<string, string> }) => call('POST', path, { ...options, body }),
    patch: (path: string, body: unknown, options?: { token?: string; headers?: Record<string, string> }) => call('PATCH', path, { ...options, body }),
    put: (path: string, body: unknown, options?: { token?: string; headers?: Record<string, string> }) => call('PUT', path, { ...options, body }),
    delete: (path: string, options?: { token?: string }) => call('DELETE', path, options),
    upload,
  };
}
