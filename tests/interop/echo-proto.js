'use strict';
// Loads interop.proto for both interop peers.
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const definition = protoLoader.loadSync(path.join(__dirname, 'interop.proto'), {
  keepCase: false,
  longs: Number,
  defaults: true,
});

module.exports = {
  grpc,
  Echo: grpc.loadPackageDefinition(definition).k8sgossip.interop.v1.Echo,
};
