// Verifies a relayed Twilio callback as the team's backend would, with the official `twilio`
// package: validateRequest over the URL Twilio signed (X-Switchboard-Original-Url) and the form
// parameters of the relayed body.
// Usage: node twilio-relay-verifier.mjs <auth token> <X-Twilio-Signature> <url> '<form body>'
// Prints one JSON line: {"valid": true|false}.
import twilio from 'twilio';

const [token, signature, url, body] = process.argv.slice(2);
const params = Object.fromEntries(new URLSearchParams(body));
console.log(JSON.stringify({ valid: twilio.validateRequest(token, signature, url, params) }));
