// Preloaded into the web server (`node --import`, see scripts/start.ts): Next.js does not expose
// the connection's address to the app, and the X-Forwarded-For it passes on is whatever the client
// sent when no proxy stands in front. So every incoming request gets the socket's address in
// CLIENT_ADDRESS_HEADER, overwriting any value a client sent under that name; lib/server/request.ts
// reads it (and X-Forwarded-For only when XZ_TRUST_PROXY says a proxy is there).
import http from 'node:http'

export const CLIENT_ADDRESS_HEADER = 'x-xz-client-address'

const marker = Symbol.for('xiangzhen.clientAddress')
if (!http.Server.prototype[marker]) {
  const emit = http.Server.prototype.emit
  http.Server.prototype.emit = function (event, ...args) {
    if (event === 'request') {
      const request = args[0]
      const address = request.socket?.remoteAddress
      if (address) request.headers[CLIENT_ADDRESS_HEADER] = address.replace(/^::ffff:/, '')
      else delete request.headers[CLIENT_ADDRESS_HEADER]
    }
    return emit.call(this, event, ...args)
  }
  http.Server.prototype[marker] = true
}
