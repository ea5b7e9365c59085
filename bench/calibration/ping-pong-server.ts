/**
 * Calibration server: the least a Node TCP echo can be. It shares no code with the suite on purpose:
 * the suite's `tcp` echo measured against this says what the suite itself adds.
 */
import { createServer, type AddressInfo } from 'node:net';

const server = createServer((socket) => {
  socket.setNoDelay(true);
  socket.on('data', (chunk) => socket.write(chunk));
  socket.on('error', () => socket.destroy());
});
server.listen(0, '127.0.0.1', () => process.send?.({ t: 'wb:ready', port: (server.address() as AddressInfo).port }));
process.on('disconnect', () => process.exit(0));
