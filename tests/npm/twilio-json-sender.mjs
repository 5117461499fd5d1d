// A Twilio callback with a JSON body, signed by the official `twilio` package the way Twilio signs
// one: the URL carries bodySHA256=<hex SHA-256 of the body> and X-Twilio-Signature covers that URL
// with no parameters. Usage: node twilio-json-sender.mjs <url> <auth token> '<JSON body>'
// Prints one JSON line: {"status": <HTTP status>, "body": "<answer>", "sdkValid": <the package's
// own validateRequestWithBody verdict>}.
import twilio from 'twilio';

const [url, token, body] = process.argv.slice(2);
const signedUrl = url + (url.includes('?') ? '&' : '?') + 'bodySHA256=' + twilio.getExpectedBodyHash(body);
const signature = twilio.getExpectedTwilioSignature(token, signedUrl, {});
const sdkValid = twilio.validateRequestWithBody(token, signature, signedUrl, body);
const response = await fetch(signedUrl, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', 'X-Twilio-Signature': signature },
  body,
});
console.log(JSON.stringify({ status: response.status, body: await response.text(), sdkValid }));
