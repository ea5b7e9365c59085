/** `socketio-redis`: the socket.io client as for `socketio`; only the server side is a cluster. */
export * from './socketio.ts';
