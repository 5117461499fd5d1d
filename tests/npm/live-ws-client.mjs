// A /ws client built on the `ws` package, driven by the integration tests. Options come as one JSON
// argument: {url, headers, protocols, send: [messages sent on open], quiet: events keep only
// data.lead_id}. Every happening is printed as
// one JSON line: {"open":true,"protocol":...}, {"message":{...}}, {"close":code,"reason":...},
// {"refused":status}, {"error":...}. Lines on stdin: a JSON message to send, "pause" (stop reading
// the socket: a slow consumer), "resume", or "close".
import WebSocket from 'ws';
import readline from 'node:readline';

const options = JSON.parse(process.argv[2]);
const print = (object) => process.stdout.write(JSON.stringify(object) + '\n');
const socket = new WebSocket(options.url, options.protocols ?? [], { headers: options.headers ?? {} });

socket.on('open', () => {
  print({ open: true, protocol: socket.protocol });
  for (const message of options.send ?? []) socket.send(JSON.stringify(message));
});
socket.on('message', (data, isBinary) => {
  const text = data.toString();
  let message;
  try { message = JSON.parse(text); } catch { message = { unparsed: text }; }
  if (message.type === 'event') message.receivedAtMs = Date.now();
  if (options.quiet && message.data) message.data = { lead_id: message.data.lead_id };
  print({ message, binary: isBinary });
});
socket.on('unexpected-response', (request, response) => {
  let body = '';
  response.on('data', (chunk) => { body += chunk; });
  response.on('end', () => { print({ refused: response.statusCode, body }); process.exit(0); });
});
socket.on('close', (code, reason) => { print({ close: code, reason: reason.toString() }); process.exit(0); });
socket.on('error', (error) => print({ error: error.message }));

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'pause') socket._socket.pause();
  else if (line === 'resume') socket._socket.resume();
  else if (line === 'close') socket.close(1000);
  else socket.send(line);
});
