'use strict';
// A gRPC server on @grpc/grpc-js implementing the Echo service of interop.proto.
// Usage: node server.js [--tls <dir with ca.pem, server.pem, server.key>]
// Prints "LISTENING <port>" once bound to 127.0.0.1 on a free port; exits on SIGTERM or stdin close.
const fs = require('node:fs');
const path = require('node:path');
const { grpc, Echo } = require('./echo-proto');

function failure(request) {
  return { code: request.failCode, details: request.failMessage };
}

function afterDelay(call, delayMs, action) {
  if (delayMs <= 0) {
    action();
    return;
  }
  const timer = setTimeout(action, delayMs);
  call.on('cancelled', () => clearTimeout(timer));
}

const service = {
  unary(call, callback) {
    const request = call.request;
    afterDelay(call, request.delayMs, () => {
      if (request.failCode !== 0) {
        callback(failure(request));
        return;
      }
      callback(null, { text: request.text, index: 0, payload: request.payload });
    });
  },
  serverStream(call) {
    const request = call.request;
    for (let i = 0; i < request.count; i++) {
      call.write({ text: request.text, index: i });
    }
    if (request.failCode !== 0) {
      call.emit('error', failure(request));
      return;
    }
    call.end();
  },
  clientStream(call, callback) {
    const texts = [];
    call.on('data', (request) => texts.push(request.text));
    call.on('end', () => callback(null, { text: texts.join(','), index: texts.length }));
    call.on('error', () => {});
  },
  bidi(call) {
    let index = 0;
    let failed = false;
    call.on('data', (request) => {
      if (failed) {
        return;
      }
      if (request.failCode !== 0) {
        failed = true;
        call.emit('error', failure(request));
        return;
      }
      call.write({ text: request.text, index: index++, payload: request.payload });
    });
    call.on('end', () => {
      if (!failed) {
        call.end();
      }
    });
    call.on('error', () => {});
  },
};

function credentials() {
  const tlsIndex = process.argv.indexOf('--tls');
  if (tlsIndex < 0) {
    return grpc.ServerCredentials.createInsecure();
  }
  const dir = process.argv[tlsIndex + 1];
  const read = (name) => fs.readFileSync(path.join(dir, name));
  return grpc.ServerCredentials.createSsl(
    read('ca.pem'),
    [{ private_key: read('server.key'), cert_chain: read('server.pem') }],
    true);
}

const server = new grpc.Server();
server.addService(Echo.service, service);
server.bindAsync('127.0.0.1:0', credentials(), (error, port) => {
  if (error) {
    console.error(`bind failed: ${error.message}`);
    process.exit(2);
  }
  console.log(`LISTENING ${port}`);
});

function stop() {
  server.forceShutdown();
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
