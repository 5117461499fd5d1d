// A webhook receiver written as a Switchboard user would write one: the official `standardwebhooks`
// package checks webhook-id/-timestamp/-signature, and seed 004's recipe checks X-Webhook-Signature.
// Usage: node standardwebhooks-receiver.mjs <secret>   (prints "listening <port>", logs one JSON line per request)
import http from 'node:http';
import crypto from 'node:crypto';
import { Webhook } from 'standardwebhooks';

const secret = process.argv[2];
const wh = new Webhook(secret);

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    let standard = 'valid';
    try {
      wh.verify(raw, req.headers);
    } catch (e) {
      standard = `invalid: ${e.message}`;
    }
    // Seed 004's receiver: HMAC-SHA256 over JSON.stringify(parsed body), keyed with the secret string.
    const computed = crypto.createHmac('sha256', secret).update(JSON.stringify(JSON.parse(raw))).digest('hex');
    const given = req.headers['x-webhook-signature'] || '';
    const legacy = given.length === computed.length &&
      crypto.timingSafeEqual(Buffer.from(computed), Buffer.from(given)) ? 'valid' : 'invalid';
    console.log(JSON.stringify({ standard, legacy, event: req.headers['x-webhook-event'], id: req.headers['webhook-id'] }));
    const ok = standard === 'valid' && legacy === 'valid';
    res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ standard, legacy }));
  });
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
