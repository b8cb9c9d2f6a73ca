// The JSON API client. Errors arrive as {"error": code, "message": text}.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function query(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "") continue;
    for (const v of Array.isArray(value) ? value : [value]) q.append(key, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** GET /api/<path> with query params; resolves to the JSON body or throws ApiError. */
export async function api(path, params = {}) {
  const parts = Array.isArray(path) ? path.map(encodeURIComponent).join("/") : path;
  const response = await fetch(`/api/${parts}${query(params)}`, {
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(response.status, body.error || "http_error", body.message || response.statusText);
  }
  return body;
}
