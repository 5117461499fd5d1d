#include "InboundRouteDocs.h"

#include "leads/LeadCommands.h"
#include "server/OpenApi.h"

namespace sb {

namespace {

using namespace schema;

QJsonObject providerOkSchema(std::initializer_list<std::pair<QString, QJsonObject>> extra = {})
{
    auto s = object(
        {{QStringLiteral("success"), constant(true)},
            {QStringLiteral("message"), string(QStringLiteral("e.g. Webhook received and processed"))}},
        {QStringLiteral("success")});
    return extend(s, extra);
}

ResponseDoc twimlResponse()
{
    return ResponseDoc {200,
        QStringLiteral(
            "TwiML: an empty <Response/>, or a <Message> with the auto-reply (TWILIO_SMS_AUTO_REPLY)"),
        string(QStringLiteral("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>…</Response>")),
        "application/xml"};
}

QList<ResponseDoc> verifiedErrors()
{
    return {
        errorResponse(400, QStringLiteral("The body is not what the provider sends (the problem is named)")),
        errorResponse(401,
            QStringLiteral("Signature missing, wrong or stale, or no secret configured (fail-closed unless "
                           "--accept-unverified)")),
        errorResponse(413, QStringLiteral("Body over 1 MB or too many fields")),
        errorResponse(
            429, QStringLiteral("This client's signatures kept failing; Retry-After says when to retry"))};
}

ParamDoc header(const QString &name, const QString &description, bool required = false)
{
    return ParamDoc {name, description, {}, required};
}

// Twilio's form fields (https://www.twilio.com/docs/messaging/guides/webhook-request,
// https://www.twilio.com/docs/voice/twiml#request-parameters).
QJsonObject twilioForm()
{
    return object({{QStringLiteral("AccountSid"), string(QStringLiteral("AC… account"))},
        {QStringLiteral("MessageSid"), string(QStringLiteral("SM…/MM… message (SMS callbacks)"))},
        {QStringLiteral("SmsSid"), string(QStringLiteral("Older name of MessageSid"))},
        {QStringLiteral("MessageStatus"),
            string(QStringLiteral("queued, sent, delivered, undelivered, failed, read"))},
        {QStringLiteral("From"), string(QStringLiteral("Sender (E.164)"))},
        {QStringLiteral("To"), string(QStringLiteral("Recipient (E.164)"))},
        {QStringLiteral("Body"), string(QStringLiteral("Message text"))},
        {QStringLiteral("NumMedia"),
            string(QStringLiteral("Number of media items; MediaUrlN, MediaContentTypeN"))},
        {QStringLiteral("CallSid"), string(QStringLiteral("CA… call (voice callbacks)"))},
        {QStringLiteral("CallStatus"),
            string(QStringLiteral(
                "queued, initiated, ringing, in-progress, completed, busy, failed, no-answer, canceled"))},
        {QStringLiteral("Direction"), string(QStringLiteral("inbound, outbound-api, outbound-dial"))},
        {QStringLiteral("CallDuration"), string(QStringLiteral("Seconds"))},
        {QStringLiteral("RecordingSid"), string(QStringLiteral("RE… recording"))},
        {QStringLiteral("RecordingUrl"), string()}, {QStringLiteral("RecordingStatus"), string()},
        {QStringLiteral("RecordingDuration"), string(QStringLiteral("Seconds"))},
        {QStringLiteral("ErrorCode"), string()}, {QStringLiteral("ErrorMessage"), string()}});
}

RouteDoc twilioDoc(const QString &summary, const QString &description, const QStringList &required)
{
    RouteDoc doc;
    doc.summary = summary;
    doc.description = description
        + QStringLiteral(" Verified with X-Twilio-Signature (HMAC-SHA1 of the public URL and the sorted form "
                         "fields, keyed with TWILIO_AUTH_TOKEN); a repeat of the same callback is answered "
                         "again and applied once.");
    doc.headers
        = {header(QStringLiteral("X-Twilio-Signature"), QStringLiteral("Base64 HMAC-SHA1 signature"), true)};
    auto form = twilioForm();
    form.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    doc.bodies
        = {BodyDoc {"application/x-www-form-urlencoded", form, QStringLiteral("Twilio's callback form")},
            BodyDoc {"application/json",
                anyObject(QStringLiteral("JSON callbacks signed with ?bodySHA256= in the URL")), {}}};
    doc.responses = QList<ResponseDoc> {twimlResponse()} + verifiedErrors();
    return doc;
}

QJsonObject crmEnvelope(const QString &event, const QJsonObject &data)
{
    return object(
        {{QStringLiteral("event"),
             event.isEmpty() ? string(QStringLiteral("The event name, e.g. new_lead, lead_status_update"))
                             : constant(event)},
            {QStringLiteral("source"), string(QStringLiteral("The sending system, e.g. website"))},
            {QStringLiteral("data"), data}, {QStringLiteral("timestamp"), dateTime()},
            {QStringLiteral("signature"), string(QStringLiteral("Optional; the header is what is checked"))}},
        {QStringLiteral("event"), QStringLiteral("data")});
}

// Seed 002's data members per endpoint (the seed's request examples).
QJsonObject crmData(const QString &event)
{
    const auto statusEnum = oneOfValues(leadStatuses());
    const auto priority = oneOfValues(leadPriorities());
    const QJsonObject person = object({{QStringLiteral("first_name"), string()},
        {QStringLiteral("last_name"), string()},
        {QStringLiteral("email"), formatted(QStringLiteral("email"))},
        {QStringLiteral("phone"),
            string(QStringLiteral("Stored as E.164 (--phone-region for local numbers)"))},
        {QStringLiteral("company_name"), string()}, {QStringLiteral("product_interest"), string()},
        {QStringLiteral("requirements"), string()}, {QStringLiteral("city"), string()},
        {QStringLiteral("state"), string()}, {QStringLiteral("country"), string()},
        {QStringLiteral("address_line1"), string()}, {QStringLiteral("address_line2"), string()},
        {QStringLiteral("zip_code"), string()}, {QStringLiteral("notes"), string()},
        {QStringLiteral("source"), oneOfValues(leadSources())}, {QStringLiteral("lead_status"), statusEnum}});
    const QJsonObject contact
        = object({{QStringLiteral("first_name"), string()}, {QStringLiteral("last_name"), string()},
                     {QStringLiteral("email"), formatted(QStringLiteral("email"))},
                     {QStringLiteral("phone"), string()}, {QStringLiteral("designation"), string()},
                     {QStringLiteral("department"), string()}, {QStringLiteral("is_primary"), boolean()}},
            {QStringLiteral("first_name")});
    const QJsonObject memo
        = object({{QStringLiteral("title"), string()}, {QStringLiteral("content"), string()},
                     {QStringLiteral("memo_type"), oneOfValues(memoTypes())}},
            {QStringLiteral("content")});
    if (event == QLatin1String("new_inquiry"))
        return extend(person,
            {{QStringLiteral("industry_id"), integer()}, {QStringLiteral("region_id"), integer()},
                {QStringLiteral("office_timings"), string()}, {QStringLiteral("timezone"), string()}});
    if (event == QLatin1String("new_lead"))
        return extend(person,
            {{QStringLiteral("priority"), priority}, {QStringLiteral("expected_value"), number()},
                {QStringLiteral("assigned_to"), integer()}});
    if (event.endsWith(QLatin1String("_update")) && event.contains(QLatin1String("status")))
        return object({{QStringLiteral("lead_status"), statusEnum}, {QStringLiteral("remarks"), string()},
                          {QStringLiteral("status_date"), dateTime()}},
            {QStringLiteral("lead_status")});
    if (event == QLatin1String("lead_qualified_profile_update"))
        return object({{QStringLiteral("profile_type"), string()}, {QStringLiteral("company"), string()},
            {QStringLiteral("industry"), string()}, {QStringLiteral("best_time_call"), string()},
            {QStringLiteral("timezone"), string()}, {QStringLiteral("mode"), string()},
            {QStringLiteral("contact_name"), string()}, {QStringLiteral("designation"), string()},
            {QStringLiteral("phone"), string()}, {QStringLiteral("email"), string()},
            {QStringLiteral("need_type"), string()}, {QStringLiteral("current_solution"), string()},
            {QStringLiteral("pain_point"), string()}, {QStringLiteral("budget"), string()},
            {QStringLiteral("decision_timeline"), string()}, {QStringLiteral("decision_maker"), boolean()},
            {QStringLiteral("competitor_info"), string()}, {QStringLiteral("notes"), string()}});
    if (event.endsWith(QLatin1String("_update")))
        return extend(person,
            {{QStringLiteral("priority"), priority}, {QStringLiteral("expected_value"), number()},
                {QStringLiteral("designation"), string()}, {QStringLiteral("company_size"), string()}});
    if (event.endsWith(QLatin1String("_discard")))
        return object({{QStringLiteral("reason"), string()}, {QStringLiteral("loss_reason"), string()}});
    if (event.endsWith(QLatin1String("_contact_add")))
        return contact;
    if (event.endsWith(QLatin1String("_memo_add")))
        return memo;
    if (event == QLatin1String("lead_activity_add"))
        return object(
            {{QStringLiteral("activity_type"), oneOfValues(activityTypes())},
                {QStringLiteral("title"), string()}, {QStringLiteral("description"), string()},
                {QStringLiteral("scheduled_at"), dateTime()}, {QStringLiteral("completed_at"), dateTime()},
                {QStringLiteral("outcome"), string()}},
            {QStringLiteral("activity_type")});
    if (event == QLatin1String("pre_lead_convert"))
        return object({{QStringLiteral("priority"), priority}, {QStringLiteral("assigned_to"), integer()},
            {QStringLiteral("expected_value"), number()}, {QStringLiteral("notes"), string()}});
    if (event == QLatin1String("lead_convert"))
        return object(
            {{QStringLiteral("customer_code"), string()}, {QStringLiteral("credit_limit"), number()},
                {QStringLiteral("payment_terms"), string()}, {QStringLiteral("notes"), string()}});
    return anyObject();
}

QString words(const QString &event)
{
    auto text = event;
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    return text;
}

RouteDoc crmDoc(const QString &summary, const QString &event, const QJsonObject &data, bool hasId)
{
    RouteDoc doc;
    doc.summary = summary;
    doc.description = QStringLiteral(
        "Seed 002. Signed with X-Webhook-Signature: the hex HMAC-SHA256 of the raw body keyed with "
        "CRM_WEBHOOK_SECRET (or of `timestamp.body` when X-Webhook-Timestamp is sent, within 5 minutes). The "
        "same body on the same route within 24 h is a duplicate: answered with the first answer, applied "
        "once.");
    if (hasId)
        doc.pathParams = {ParamDoc {QStringLiteral("id"), QStringLiteral("The pre-lead or lead id"),
            integerRange(1, std::numeric_limits<qint64>::max()), true}};
    doc.headers = {header(QStringLiteral("X-Webhook-Signature"), QStringLiteral("Hex HMAC-SHA256"), true),
        header(
            QStringLiteral("X-Webhook-Timestamp"), QStringLiteral("Unix seconds, when the sender signs it"))};
    doc.bodies = {BodyDoc {"application/json", crmEnvelope(event, data), {}}};
    doc.responses = {
        jsonResponse(200, QStringLiteral("Applied (or a duplicate, answered as the first time)"),
            object({{QStringLiteral("status"), constant(QStringLiteral("success"))},
                       {QStringLiteral("message"), string()},
                       {QStringLiteral("data"), anyObject(QStringLiteral("The record created or changed"))}},
                {QStringLiteral("status"), QStringLiteral("message")})),
        errorResponse(400, QStringLiteral("Envelope or data invalid; the field is named")),
        errorResponse(
            401, QStringLiteral("Signature missing, wrong or stale, or CRM_WEBHOOK_SECRET not set")),
        errorResponse(404, QStringLiteral("No pre-lead or lead with this id")),
        errorResponse(
            409, QStringLiteral("The record's state forbids it (e.g. already converted or discarded)")),
        errorResponse(413, QStringLiteral("Body over 1 MB"))};
    return doc;
}

QJsonObject logItem()
{
    return object({{QStringLiteral("id"),
                       string(QStringLiteral("evt_<ULID> (incoming) or a delivery id (outgoing)"))},
        {QStringLiteral("direction"), oneOfValues({QStringLiteral("incoming"), QStringLiteral("outgoing")})},
        {QStringLiteral("endpoint"),
            string(QStringLiteral("The path called (incoming) or the receiver's URL (outgoing)"))},
        {QStringLiteral("event"), string()}, {QStringLiteral("source"), string()},
        {QStringLiteral("payload"), anyObject()},
        {QStringLiteral("response_status"), integer(QStringLiteral("Incoming: the status answered"))},
        {QStringLiteral("is_successful"), boolean()}, {QStringLiteral("created_at"), dateTime()}});
}

// An outbound delivery in the log (direction outgoing): where it went and what the receiver answered.
QJsonObject outgoingLogItem(bool detail)
{
    auto item = extend(logItem(),
        {{QStringLiteral("method"), constant(QStringLiteral("POST"))},
            {QStringLiteral("status"), string(QStringLiteral("The delivery's status"))},
            {QStringLiteral("status_code"), nullable(integer(QStringLiteral("Last attempt's HTTP status")))},
            {QStringLiteral("error_message"), nullable(string())}, {QStringLiteral("attempts"), integer()},
            {QStringLiteral("webhook_config_id"), integer()}, {QStringLiteral("event_id"), string()},
            {QStringLiteral("processing_time_ms"),
                nullable(integer(QStringLiteral("Last attempt's latency")))},
            {QStringLiteral("updated_at"), dateTime()}, {QStringLiteral("body_size"), integer()},
            {QStringLiteral("response_body"), nullable(string(QStringLiteral("Last attempt's answer")))}});
    if (detail)
        item = extend(
            item, {{QStringLiteral("attempts_detail"), array(anyObject(), QStringLiteral("Every attempt"))}});
    return item;
}

QJsonObject anyLogItem(bool detail)
{
    return QJsonObject {{QStringLiteral("anyOf"), QJsonArray {logItem(), outgoingLogItem(detail)}}};
}

} // namespace

void documentInboundRoutes(Router &router)
{
    const QString crmBase = QStringLiteral("/api/v1/webhooks");
    for (const auto &spec : leadEvents()) {
        if (spec.path.isEmpty())
            continue;
        const bool hasId = spec.path.contains(QLatin1String("{id}"));
        routes::documentWebhook(router, crmBase + QStringLiteral("/incoming/") + spec.path,
            crmDoc(QStringLiteral("CRM: ") + words(spec.event), spec.event, crmData(spec.event), hasId));
    }
    auto generic = crmDoc(QStringLiteral("CRM: any event, routed by its name"), {},
        anyObject(
            QStringLiteral("The event's data; data.pre_lead_id, data.lead_id or data.customer_id names the "
                           "record for events about one")),
        false);
    QStringList events;
    for (const auto &spec : leadEvents())
        events.append(spec.event);
    generic.description += QStringLiteral(" Events: ") + events.join(QStringLiteral(", ")) + QLatin1Char('.');
    routes::documentWebhook(router, crmBase + QStringLiteral("/incoming"), generic);

    RouteDoc logs;
    logs.summary = QStringLiteral("Webhook log");
    logs.description = QStringLiteral(
        "Seed 002: stored webhook requests (incoming) and outbound webhook deliveries (outgoing), newest "
        "first; without direction both, merged by time. An outgoing item names the receiver's URL, the "
        "delivery's status and the last attempt's status code, latency and answer.");
    logs.query = {queryParam(QStringLiteral("page"), integerRange(1, 1000000), QStringLiteral("From 1")),
        queryParam(QStringLiteral("page_size"), integerRange(1, 100), QStringLiteral("Default 20")),
        queryParam(QStringLiteral("direction"),
            oneOfValues({QStringLiteral("incoming"), QStringLiteral("outgoing")}),
            QStringLiteral("incoming: stored webhook requests; outgoing: outbound deliveries; absent: both")),
        queryParam(QStringLiteral("is_successful"),
            boolean(QStringLiteral("Incoming: 2xx answers only (or only the others); outgoing: delivered "
                                   "deliveries only (or only the others)")))};
    logs.responses = {
        jsonResponse(200, QStringLiteral("A page of the log"),
            object({{QStringLiteral("status"), constant(QStringLiteral("success"))},
                {QStringLiteral("message"), string()},
                {QStringLiteral("data"),
                    object({{QStringLiteral("items"), array(anyLogItem(false))},
                        {QStringLiteral("total"), integer()}, {QStringLiteral("page"), integer()},
                        {QStringLiteral("page_size"), integer()}, {QStringLiteral("pages"), integer()}})}})),
        errorResponse(400, QStringLiteral("A query parameter is out of range; it is named"))};
    router.document("GET", crmBase + QStringLiteral("/logs"), logs);
    RouteDoc log;
    log.summary = QStringLiteral("One webhook log entry");
    log.description = QStringLiteral("An incoming request, or an outgoing delivery with every attempt.");
    log.pathParams = {ParamDoc {
        QStringLiteral("id"), QStringLiteral("evt_<ULID> (incoming) or a delivery id (outgoing)"), {}, true}};
    log.responses
        = {jsonResponse(200, QStringLiteral("The entry"),
               object({{QStringLiteral("status"), constant(QStringLiteral("success"))},
                   {QStringLiteral("message"), string()}, {QStringLiteral("data"), anyLogItem(true)}})),
            errorResponse(404, QStringLiteral("Log not found"))};
    router.document("GET", crmBase + QStringLiteral("/logs/{id}"), log);

    RouteDoc test;
    test.summary = QStringLiteral("Test webhook: any payload");
    test.description
        = QStringLiteral("Accepts JSON, a form, multipart or text, records it and answers a receipt.");
    test.bodies = {BodyDoc {"application/json", anyObject(), {}},
        BodyDoc {"application/x-www-form-urlencoded", anyObject(), {}}, BodyDoc {"text/plain", string(), {}}};
    test.bodyRequired = false;
    test.responses
        = {jsonResponse(200, QStringLiteral("Received"),
               providerOkSchema({{QStringLiteral("receiptId"), string(QStringLiteral("evt_<ULID>"))},
                   {QStringLiteral("format"),
                       oneOfValues({QStringLiteral("json"), QStringLiteral("form"),
                           QStringLiteral("multipart"), QStringLiteral("text")})},
                   {QStringLiteral("bytes"), integer()}})),
            errorResponse(413, QStringLiteral("Body over 1 MB"))};
    routes::documentWebhook(router, QStringLiteral("/api/webhooks/test"), test);

    const QString twilio = QStringLiteral("/api/webhooks/twilio");
    const QString inboundSms = QStringLiteral(
        "Inbound SMS: the sender's lead (by E.164 phone, created when unknown) gets the message in its SMS "
        "conversation; STOP and the other opt-out words mark the lead do-not-contact.");
    routes::documentWebhook(router, twilio + QStringLiteral("/sms"),
        twilioDoc(QStringLiteral("Twilio: inbound SMS"), inboundSms,
            {QStringLiteral("MessageSid"), QStringLiteral("From")}));
    routes::documentWebhook(router, twilio + QStringLiteral("/sms/incoming"),
        twilioDoc(QStringLiteral("Twilio: inbound SMS (alternative path)"), inboundSms,
            {QStringLiteral("MessageSid"), QStringLiteral("From")}));
    routes::documentWebhook(router, twilio + QStringLiteral("/sms/status"),
        twilioDoc(QStringLiteral("Twilio: message status callback"),
            QStringLiteral("Moves a sent message's status forward (never back)."),
            {QStringLiteral("MessageSid"), QStringLiteral("MessageStatus")}));
    routes::documentWebhook(router, twilio + QStringLiteral("/voice/status"),
        twilioDoc(QStringLiteral("Twilio: call status callback"),
            QStringLiteral("Call progress: the call record of the lead's voice thread."),
            {QStringLiteral("CallSid"), QStringLiteral("CallStatus")}));
    routes::documentWebhook(router, twilio + QStringLiteral("/voice/recording"),
        twilioDoc(QStringLiteral("Twilio: recording status callback"),
            QStringLiteral("A call's recording (URL and duration)."),
            {QStringLiteral("CallSid"), QStringLiteral("RecordingSid")}));

    // Mailgun: https://documentation.mailgun.com/docs/mailgun/user-manual/receive-forward-store/
    // (routes: form fields) and the webhooks' JSON {signature, event-data}.
    RouteDoc mailIn;
    mailIn.summary = QStringLiteral("Mailgun: inbound email");
    mailIn.description = QStringLiteral(
        "A route's forward: the sender's lead (by address) gets the mail in its email conversation; "
        "attachment "
        "metadata is kept. Verified with the form's timestamp, token and signature (HMAC-SHA256 keyed with "
        "MAILGUN_WEBHOOK_SIGNING_KEY); a token seen with another body is refused.");
    const auto mailForm = object(
        {{QStringLiteral("recipient"), string()}, {QStringLiteral("sender"), string()},
            {QStringLiteral("from"), string()}, {QStringLiteral("subject"), string()},
            {QStringLiteral("body-plain"), string()}, {QStringLiteral("stripped-text"), string()},
            {QStringLiteral("body-html"), string()},
            {QStringLiteral("message-headers"), string(QStringLiteral("JSON list of [name, value]"))},
            {QStringLiteral("timestamp"), string()}, {QStringLiteral("token"), string()},
            {QStringLiteral("signature"), string(QStringLiteral("Hex HMAC-SHA256 of timestamp+token"))}},
        {QStringLiteral("timestamp"), QStringLiteral("token"), QStringLiteral("signature")});
    mailIn.bodies = {BodyDoc {"application/x-www-form-urlencoded", mailForm, {}},
        BodyDoc {"multipart/form-data", mailForm, {}}};
    mailIn.responses = QList<ResponseDoc> {jsonResponse(200, QStringLiteral("Stored"),
                           providerOkSchema({{QStringLiteral("messageId"), integer()}}))}
        + verifiedErrors();
    routes::documentWebhook(router, QStringLiteral("/api/webhooks/mailgun/inbound"), mailIn);
    RouteDoc mailEvents;
    mailEvents.summary = QStringLiteral("Mailgun: delivery events");
    mailEvents.description
        = QStringLiteral("delivered, opened, clicked, failed (bounces), unsubscribed and complained (→ "
                         "do-not-contact) for sent "
                         "mail; verified like inbound mail with the body's signature object.");
    mailEvents.bodies = {BodyDoc {"application/json",
        object({{QStringLiteral("signature"),
                    object({{QStringLiteral("timestamp"), string()}, {QStringLiteral("token"), string()},
                               {QStringLiteral("signature"), string()}},
                        {QStringLiteral("timestamp"), QStringLiteral("token"), QStringLiteral("signature")})},
                   {QStringLiteral("event-data"),
                       object({{QStringLiteral("event"), string()}, {QStringLiteral("id"), string()},
                           {QStringLiteral("recipient"), string()}, {QStringLiteral("severity"), string()},
                           {QStringLiteral("reason"), string()},
                           {QStringLiteral("delivery-status"), anyObject()},
                           {QStringLiteral("message"), anyObject()},
                           {QStringLiteral("user-variables"), anyObject()}})}},
            {QStringLiteral("signature"), QStringLiteral("event-data")}),
        {}}};
    mailEvents.responses
        = QList<ResponseDoc> {jsonResponse(200, QStringLiteral("Applied"), providerOkSchema())}
        + verifiedErrors();
    routes::documentWebhook(router, QStringLiteral("/api/webhooks/mailgun/events"), mailEvents);

    RouteDoc signalwire;
    signalwire.summary = QStringLiteral("SignalWire: call, recording and message callbacks");
    signalwire.description = QStringLiteral("JSON call/recording events ({event_type, call_id, state, "
                                            "direction, from, to, duration, recording_url, "
                                            "metadata}) or LaML form callbacks (Twilio's fields). "
                                            "X-SignalWire-Signature (or X-Twilio-Signature in "
                                            "compatibility mode) keyed with SIGNALWIRE_SIGNING_KEY; optional "
                                            "SIGNALWIRE_ALLOWED_IPS (403 for other "
                                            "addresses).");
    signalwire.headers = {header(QStringLiteral("X-SignalWire-Signature"), QStringLiteral("Signature")),
        header(QStringLiteral("X-Twilio-Signature"), QStringLiteral("Compatibility (LaML) signature"))};
    signalwire.bodies
        = {BodyDoc {"application/json",
               object({{QStringLiteral("event_type"), string()}, {QStringLiteral("call_id"), string()},
                   {QStringLiteral("state"), string()}, {QStringLiteral("direction"), string()},
                   {QStringLiteral("from"), string()}, {QStringLiteral("to"), string()},
                   {QStringLiteral("duration"), number()}, {QStringLiteral("recording_id"), string()},
                   {QStringLiteral("recording_url"), string()}, {QStringLiteral("metadata"), anyObject()}}),
               {}},
            BodyDoc {"application/x-www-form-urlencoded", twilioForm(), {}}};
    signalwire.responses
        = QList<ResponseDoc> {jsonResponse(200, QStringLiteral("Applied (JSON events)"), providerOkSchema()),
              errorResponse(403, QStringLiteral("The address is not in SIGNALWIRE_ALLOWED_IPS"))}
        + verifiedErrors();
    routes::documentWebhook(router, QStringLiteral("/api/webhooks/signalwire"), signalwire);

    // ElevenLabs: https://elevenlabs.io/docs/agents-platform/workflows/post-call-webhooks
    // (ElevenLabs-Signature: t=<unix>,v0=<hex HMAC-SHA256 of "t.body">).
    const auto elevenHeader = header(
        QStringLiteral("ElevenLabs-Signature"), QStringLiteral("t=<unix seconds>,v0=<hex HMAC-SHA256>"));
    const auto elevenDoc = [&](const QString &summary, const QString &description, const QJsonObject &body) {
        RouteDoc doc;
        doc.summary = summary;
        doc.description = description
            + QStringLiteral(" Signed with ElevenLabs-Signature keyed with ELEVENLABS_WEBHOOK_SECRET.");
        doc.headers = {elevenHeader};
        doc.bodies = {BodyDoc {"application/json", body, {}}};
        doc.responses = QList<ResponseDoc> {jsonResponse(200, QStringLiteral("Applied"), providerOkSchema())}
            + verifiedErrors();
        return doc;
    };
    const QString eleven = QStringLiteral("/api/webhooks/elevenlabs");
    routes::documentWebhook(router, eleven,
        elevenDoc(QStringLiteral("ElevenLabs: events"),
            QStringLiteral(
                "Any agent event by event_type/type (voice.*, agent.*, transfer.*), raised to the catalog."),
            object({{QStringLiteral("event_type"), string()}, {QStringLiteral("type"), string()},
                {QStringLiteral("conversation_id"), string()}, {QStringLiteral("call_id"), string()},
                {QStringLiteral("metadata"), anyObject()}})));
    routes::documentWebhook(router, eleven + QStringLiteral("/post-call"),
        elevenDoc(QStringLiteral("ElevenLabs: post-call transcription"),
            QStringLiteral("post_call_transcription: the call with its transcript and summary in the lead's "
                           "voice thread."),
            object(
                {{QStringLiteral("type"), string(QStringLiteral("post_call_transcription, post_call_audio"))},
                    {QStringLiteral("event_timestamp"), integer()},
                    {QStringLiteral("data"),
                        object({{QStringLiteral("agent_id"), string()},
                            {QStringLiteral("conversation_id"), string()},
                            {QStringLiteral("status"), string()},
                            {QStringLiteral("transcript"), array(anyObject())},
                            {QStringLiteral("metadata"), anyObject()},
                            {QStringLiteral("analysis"), anyObject()}})}},
                {QStringLiteral("type"), QStringLiteral("data")})));
    routes::documentWebhook(router, eleven + QStringLiteral("/conversation-events"),
        elevenDoc(QStringLiteral("ElevenLabs: live conversation events"),
            QStringLiteral("Events during a conversation, deduplicated by event_id."),
            object({{QStringLiteral("type"), string()}, {QStringLiteral("event_id"), string()},
                {QStringLiteral("conversation_id"), string()}, {QStringLiteral("event_timestamp"), integer()},
                {QStringLiteral("data"), anyObject()}})));
    // https://elevenlabs.io/docs/agents-platform/customization/personalization/twilio-personalization
    RouteDoc initiation;
    initiation.summary = QStringLiteral("ElevenLabs: conversation initiation (Twilio personalization)");
    initiation.description = QStringLiteral(
        "Answers the caller's lead and recent history as dynamic variables. Signed (ElevenLabs-Signature) or "
        "authenticated by the header named by ELEVENLABS_INITIATION_HEADER (default X-Initiation-Secret) "
        "equal to ELEVENLABS_INITIATION_SECRET.");
    initiation.headers = {elevenHeader,
        header(QStringLiteral("X-Initiation-Secret"), QStringLiteral("The shared secret, when not signed"))};
    initiation.bodies = {BodyDoc {"application/json",
        object({{QStringLiteral("caller_id"), string()}, {QStringLiteral("agent_id"), string()},
                   {QStringLiteral("called_number"), string()}, {QStringLiteral("call_sid"), string()}},
            {QStringLiteral("caller_id")}),
        {}}};
    initiation.responses
        = QList<ResponseDoc> {jsonResponse(200, QStringLiteral("The client data for the conversation"),
              object(
                  {{QStringLiteral("type"), constant(QStringLiteral("conversation_initiation_client_data"))},
                      {QStringLiteral("dynamic_variables"),
                          object({{QStringLiteral("caller_id"), string()},
                              {QStringLiteral("lead_id"), string()}, {QStringLiteral("lead_name"), string()},
                              {QStringLiteral("is_new_lead"), boolean()},
                              {QStringLiteral("do_not_contact"), boolean()},
                              {QStringLiteral("recent_history"), string()}})}},
                  {QStringLiteral("type"), QStringLiteral("dynamic_variables")}))}
        + verifiedErrors();
    routes::documentWebhook(router, eleven + QStringLiteral("/conversation-initiation"), initiation);

    RouteDoc campaign;
    campaign.summary = QStringLiteral("Campaign trigger");
    campaign.description = QStringLiteral("Starts a campaign execution for the named leads (or every active "
                                          "lead; do-not-contact ones skipped). "
                                          "Authorization: Bearer <CAMPAIGN_WEBHOOK_TOKEN>. The same "
                                          "executionId (or Idempotency-Key) again answers "
                                          "the first run.");
    campaign.headers = {
        header(QStringLiteral("Idempotency-Key"), QStringLiteral("Used when the body has no executionId"))};
    campaign.bodies = {BodyDoc {"application/json",
        object(
            {{QStringLiteral("campaignId"), string(QStringLiteral("Or campaign_id; a string or a number"))},
                {QStringLiteral("leadIds"), array(integerRange(1, std::numeric_limits<qint64>::max()))},
                {QStringLiteral("executionId"), string()}, {QStringLiteral("metadata"), anyObject()}}),
        {}}};
    campaign.responses
        = QList<ResponseDoc> {jsonResponse(200, QStringLiteral("Execution started (or the first one)"),
              providerOkSchema({{QStringLiteral("execution"),
                  object(
                      {{QStringLiteral("executionId"), integer()}, {QStringLiteral("campaignId"), string()},
                          {QStringLiteral("status"), string()}, {QStringLiteral("leadCount"), integer()},
                          {QStringLiteral("skippedDoNotContact"), integer()},
                          {QStringLiteral("requestedLeads"), nullable(integer())},
                          {QStringLiteral("progress"),
                              anyObject(QStringLiteral("A campaign of /api/campaigns: its progress now "
                                                       "(total, queued, sent, delivered, opened, clicked, "
                                                       "replied, bounced, failed, unsubscribed, "
                                                       "skippedDoNotContact); the same request again "
                                                       "reports it as the campaign runs"))},
                          {QStringLiteral("duplicate"), boolean()}})}}))}
        + verifiedErrors();
    routes::documentWebhook(router, QStringLiteral("/api/webhooks/campaign/execute"), campaign);

    RouteDoc replay;
    replay.summary = QStringLiteral("Replay a stored webhook request");
    replay.description = QStringLiteral("Runs a stored inbound request again through its handler with "
                                        "today's secrets, judged as of its arrival, "
                                        "and records the outcome as a new record pointing at the original.");
    replay.pathParams
        = {ParamDoc {QStringLiteral("id"), QStringLiteral("The inbound record, evt_<ULID>"), {}, true}};
    replay.responses
        = {jsonResponse(200, QStringLiteral("The replay's outcome"),
               object({{QStringLiteral("success"), constant(true)}, {QStringLiteral("message"), string()},
                   {QStringLiteral("replay"),
                       anyObject(QStringLiteral("The new record: id, status, answer"))}})),
            errorResponse(404, QStringLiteral("No such stored request")),
            errorResponse(409, QStringLiteral("The request's route is not a webhook"))};
    router.document("POST", QStringLiteral("/api/webhooks/inbound/{id}/replay"), replay);
}

} // namespace sb
