'use strict';
// A gRPC client on @grpc/grpc-js that runs every interop case against an Echo server and prints one JSON
// object with the outcome of each case. Usage: node client.js <host:port> [--tls <dir with ca.pem, client.pem, client.key>]
const fs = require('node:fs');
const path = require('node:path');
const { grpc, Echo } = require('./echo-proto');

const target = process.argv[2];

function credentials() {
  const tlsIndex = process.argv.indexOf('--tls');
  if (tlsIndex < 0) {
    return { creds: grpc.credentials.createInsecure(), options: {} };
  }
  const dir = process.argv[tlsIndex + 1];
  const read = (name) => fs.readFileSync(path.join(dir, name));
  return {
    creds: grpc.credentials.createSsl(read('ca.pem'), read('client.key'), read('client.pem')),
    options: { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' },
  };
}

const { creds, options } = credentials();
const client = new Echo(target, creds, options);

function describeError(error) {
  return { code: error.code, details: error.details };
}

function unary(request, deadlineMs) {
  return new Promise((resolve) => {
    const callOptions = deadlineMs ? { deadline: new Date(Date.now() + deadlineMs) } : {};
    client.unary(request, new grpc.Metadata(), callOptions, (error, reply) => {
      resolve(error ? { error: describeError(error) } : { reply: { text: reply.text, payloadLength: reply.payload.length } });
    });
  });
}

function serverStream(request) {
  return new Promise((resolve) => {
    const indexes = [];
    const call = client.serverStream(request);
    call.on('data', (reply) => indexes.push(reply.index));
    call.on('error', (error) => resolve({ indexes, error: describeError(error) }));
    call.on('end', () => resolve({ indexes }));
  });
}

function clientStream(texts) {
  return new Promise((resolve) => {
    const call = client.clientStream((error, reply) => {
      resolve(error ? { error: describeError(error) } : { reply: { text: reply.text, index: reply.index } });
    });
    for (const text of texts) {
      call.write({ text });
    }
    call.end();
  });
}

function bidi(count) {
  return new Promise((resolve) => {
    const texts = [];
    const call = client.bidi();
    call.on('data', (reply) => texts.push(reply.text));
    call.on('error', (error) => resolve({ count: texts.length, error: describeError(error) }));
    call.on('end', () => resolve({ count: texts.length, inOrder: texts.every((t, i) => t === `m${i}`) }));
    for (let i = 0; i < count; i++) {
      call.write({ text: `m${i}` });
    }
    call.end();
  });
}

async function main() {
  const results = {};
  results.unary = await unary({ text: 'hello from node' });
  results.largeUnary = await unary({ text: 'large', payload: Buffer.alloc(1024 * 1024, 7) });
  results.serverStream = await serverStream({ text: 's', count: 5 });
  results.clientStream = await clientStream(['a', 'b', 'c']);
  results.bidi = await bidi(200);
  results.error = await unary({ failCode: 5, failMessage: 'no such thing: 100% ünïcödé' });
  results.deadline = await unary({ text: 'slow', delayMs: 10000 }, 300);
  console.log(JSON.stringify(results));
  client.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
