// A Twilio callback signed by the official `twilio` package the way Twilio's servers sign one
// (X-Twilio-Signature over the full URL and the sorted form parameters), sent as Twilio sends it.
// Usage: node twilio-sender.mjs <url> <auth token> '<form fields as a JSON object>'
// Prints one JSON line: {"status": <HTTP status>, "body": "<answer>"}.
import twilio from 'twilio';

const [url, token, fieldsJson] = process.argv.slice(2);
const fields = JSON.parse(fieldsJson);
const signature = twilio.getExpectedTwilioSignature(token, url, fields);
const response = await fetch(url, {
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
  body: new URLSearchParams(fields).toString(),
});
console.log(JSON.stringify({ status: response.status, body: await response.text() }));
