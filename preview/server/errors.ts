/**
 * SharePoint-shaped errors. Every failure the service reports goes through SpError so the body is
 * always the JSON SharePoint sends ({"odata.error":{code,message}}), which PnPjs puts into
 * HttpRequestError messages and which the product's error handling parses.
 */

export class SpError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly headers: Record<string, string> = {}
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string): string {
  return JSON.stringify({ 'odata.error': { code, message: { lang: 'en-US', value: message } } });
}

const INVALID_QUERY = '-1, Microsoft.SharePoint.Client.InvalidClientQueryException';

export const errors = {
  accessDenied: () =>
    new SpError(403, '-2147024891, System.UnauthorizedAccessException', 'Access denied. You do not have permission to perform this action or access this resource.'),
  unauthorized: (who: string) =>
    new SpError(401, '-2147024891, System.UnauthorizedAccessException', `Access denied. The user '${who}' is not known to this tenant.`),
  digest: () =>
    new SpError(
      403,
      '-2130575252, Microsoft.SharePoint.SPException',
      "The security validation for this page is invalid and might be corrupted. Please use your web browser's Back button to try your operation again."
    ),
  badQuery: (message: string) => new SpError(400, INVALID_QUERY, message),
  badArgument: (message: string) => new SpError(400, '-2147024809, System.ArgumentException', message),
  noResource: (path: string) => new SpError(404, INVALID_QUERY, `Cannot find resource for the request ${path}.`),
  methodNotAllowed: (method: string, path: string) =>
    new SpError(405, INVALID_QUERY, `The HTTP method '${method}' cannot be used for the resource '${path}'.`),
  listNotFound: (title: string, webUrl: string) =>
    new SpError(404, '-1, System.ArgumentException', `List '${title}' does not exist at site with URL '${webUrl}'.`),
  itemNotFound: () => new SpError(404, '-2130575338, System.ArgumentException', 'Item does not exist. It may have been deleted by another user.'),
  columnNotFound: (name: string) =>
    new SpError(400, '-2146232832, Microsoft.SharePoint.SPException', `Column '${name}' does not exist. It may have been deleted by another user.`),
  propertyNotFound: (name: string) => new SpError(400, INVALID_QUERY, `The field or property '${name}' does not exist.`),
  userNotFound: () => new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'User cannot be found.'),
  groupNotFound: () => new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'Group cannot be found.'),
  etagMismatch: (requested: string, actual: string) =>
    new SpError(
      412,
      '-2130575305, Microsoft.SharePoint.SPException',
      `The request ETag value '${requested}' does not match the object's ETag value '${actual}'.`
    ),
  throttledQuery: () =>
    new SpError(
      500,
      '-2147024860, Microsoft.SharePoint.SPQueryThrottledException',
      'The attempted operation is prohibited because it exceeds the list view threshold.'
    ),
  fieldValidation: (message: string) => new SpError(400, '-2130575162, Microsoft.SharePoint.SPFieldValidationException', message),
  internal: (message: string) => new SpError(500, '-2146232832, Microsoft.SharePoint.SPException', message),
};
