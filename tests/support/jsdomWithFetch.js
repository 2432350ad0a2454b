/**
 * jsdom, plus Node's own fetch, so component tests can render views whose PnPjs data code talks to
 * the real local list service over HTTP.
 */
const { TestEnvironment } = require('jest-environment-jsdom');

class JsdomWithFetch extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const g = this.global;
    g.fetch = fetch;
    g.Request = Request;
    g.Response = Response;
    g.Headers = Headers;
    g.AbortController = AbortController;
    g.structuredClone = structuredClone;
    // jsdom's Blob cannot be sent by Node's fetch; give files an arrayBuffer like browsers do.
    if (!g.Blob.prototype.arrayBuffer) {
      g.Blob.prototype.arrayBuffer = function () {
        return new Promise((resolve) => {
          const reader = new g.FileReader();
          reader.onload = () => resolve(reader.result);
          reader.readAsArrayBuffer(this);
        });
      };
    }
  }
}

module.exports = JsdomWithFetch;
