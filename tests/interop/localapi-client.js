// Reads a K8sGossip sidecar's local application API with @grpc/grpc-js: Status, then the first N committed blocks of a
// channel. Prints one JSON object: { pkiId, organization, blocks: [{ number, headerHash }] }.
// usage: node localapi-client.js <host:port> <channel> <count>
'use strict';

const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const [target, channel, countText] = process.argv.slice(2);
const count = Number(countText);
if (!target || !channel || !(count > 0)) {
  console.error('usage: node localapi-client.js <host:port> <channel> <count>');
  process.exit(2);
}

const protoPath = path.join(__dirname, '..', '..', 'sidecar', 'K8sGossip.Sidecar', 'Protos', 'localapi.proto');
const definition = protoLoader.loadSync(protoPath, { keepCase: true, longs: String, defaults: true });
const api = grpc.loadPackageDefinition(definition).k8sgossip.localapi.v1;
const client = new api.LocalApi(target, grpc.credentials.createInsecure());
const deadline = () => new Date(Date.now() + 20000);

client.Status({}, { deadline: deadline() }, (error, status) => {
  if (error) {
    console.error(`Status failed: ${error.code} ${error.details}`);
    process.exit(1);
  }

  const blocks = [];
  const call = client.Blocks({ channel, from_height: 0 }, { deadline: deadline() });
  call.on('data', (event) => {
    blocks.push({ number: Number(event.number), headerHash: Buffer.from(event.header_hash).toString('hex') });
    if (blocks.length === count) {
      call.cancel();
      console.log(JSON.stringify({ pkiId: status.pki_id, organization: status.organization, blocks }));
      client.close();
      process.exit(0);
    }
  });
  call.on('error', (e) => {
    if (e.code !== grpc.status.CANCELLED) {
      console.error(`Blocks failed: ${e.code} ${e.details}`);
      process.exit(1);
    }
  });
});
