// An SSE client built on the `eventsource` package. Options as one JSON argument: {url, key,
// lastEventId, count}: prints {"open":true}, then {"event":type,"id":...,"data":{...}} per event,
// and exits after `count` events (or on an error, printed as {"error":status}).
import { EventSource } from 'eventsource';

const options = JSON.parse(process.argv[2]);
const print = (object) => process.stdout.write(JSON.stringify(object) + '\n');
let received = 0;
const source = new EventSource(options.url, {
  fetch: (input, init) => {
    const headers = { ...init.headers, Authorization: `Bearer ${options.key}` };
    if (options.lastEventId !== undefined) headers['Last-Event-ID'] = String(options.lastEventId);
    return fetch(input, { ...init, headers });
  },
});
const onEvent = (event) => {
  print({ event: event.type, id: event.lastEventId, data: JSON.parse(event.data) });
  if (++received >= options.count) { source.close(); process.exit(0); }
};
for (const type of options.types ?? []) source.addEventListener(type, onEvent);
source.onopen = () => print({ open: true });
source.onerror = (error) => { print({ error: error.code ?? error.message ?? 'error' }); source.close(); process.exit(0); };
