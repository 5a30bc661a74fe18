// metav1.Status bodies and the errors that carry them, shaped like the apiserver's.

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: string;
  details?: { name?: string; group?: string; kind?: string };
  code: number;
}

export function statusBody(
  code: number,
  reason: string,
  message: string,
  details?: StatusBody['details'],
): StatusBody {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code };
}

/** An error a handler throws to answer with a Status. */
export class ApiError extends Error {
  constructor(readonly body: StatusBody) {
    super(body.message);
  }
}

export class BadRequest extends ApiError {
  constructor(message: string) {
    super(statusBody(400, 'BadRequest', message));
  }
}

export function notFound(resource: string, name: string, group = ''): ApiError {
  return new ApiError(statusBody(404, 'NotFound', `${resource}${group ? '.' + group : ''} "${name}" not found`, { name, group, kind: resource }));
}

export function pathNotFound(): ApiError {
  return new ApiError(statusBody(404, 'NotFound', 'the server could not find the requested resource', {}));
}

export function expired(message: string): ApiError {
  return new ApiError(statusBody(410, 'Expired', message));
}

export function methodNotAllowed(method: string): ApiError {
  return new ApiError(
    statusBody(405, 'MethodNotAllowed', `${method} is not allowed: the podscope demo cluster is read-only`),
  );
}

export function forbidden(user: string, verb: string, resource: string, group: string, namespace?: string): ApiError {
  const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  return new ApiError(
    statusBody(
      403,
      'Forbidden',
      `${resource} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${group}" ${scope}`,
      { kind: resource, ...(group ? { group } : {}) },
    ),
  );
}

export const UNAUTHORIZED = statusBody(401, 'Unauthorized', 'Unauthorized');
