#include "DemoSamples.h"

#include "domain/Lead.h"
#include "domain/RecordId.h"
#include "outbound/DeliveryFanout.h"
#include "server/Ingest.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace sb::demo {

namespace {

constexpr qint64 minuteMs = 60 * 1000;

QJsonArray names(std::initializer_list<const char *> list)
{
    QJsonArray array;
    for (const auto *name : list)
        array.append(QString::fromLatin1(name));
    return array;
}

// A small deterministic generator: the demo looks the same on every machine.
struct Sequence
{
    quint32 state = 20250901;
    int next(int bound)
    {
        state = state * 1664525u + 1013904223u;
        return int((state >> 8) % quint32(bound));
    }
};

struct Failure
{
    int status;
    QByteArray body;
    const char *error;
    qint64 latency;
};

const Failure failures[] = {
    {503, R"({"error":"upstream unavailable","retry_after":30})", "HTTP 503", 184},
    {0, {}, "timed out after 15000 ms", 15000},
    {0, {}, "connection refused", 3},
    {500, "<html><body><h1>500 Internal Server Error</h1></body></html>", "HTTP 500", 412},
    {401, R"({"error":"invalid signature"})", "HTTP 401", 38},
};

} // namespace

const std::vector<LeadSample> &leads()
{
    static const std::vector<LeadSample> samples {
        {"Maria", "Gonzalez", "maria.gonzalez@brightpath.io", "+14155550142", "BrightPath Logistics",
            "Head of Operations", "San Francisco", "website", "high", "qualified", 48000, 2900},
        {"James", "O'Connor", "james@oconnor-roofing.com", "+16175550188", "O'Connor Roofing", "Owner",
            "Boston", "referral", "medium", "contacted", 12500, 2400},
        {"Aiko", "Tanaka", "aiko.tanaka@kumo.jp", "+81355550123", "Kumo Studio", "Producer", "Tokyo",
            "social_media", "medium", "new", 8000, 35},
        {"Lena", "Fischer", "l.fischer@nordwerk.de", "+4930555012", "Nordwerk GmbH", "Einkauf", "Berlin",
            "website", "critical", "negotiation", 132000, 7200},
        {"David", "Okafor", "dokafor@greenline.ng", "+2348055550111", "Greenline Energy", "CTO", "Lagos",
            "cold_call", "high", "proposal_sent", 76000, 5100},
        {"Sophie", "Martin", "sophie.martin@atelier-lune.fr", "+33155550177", "Atelier Lune", "Founder",
            "Paris", "referral", "low", "won", 5400, 9800},
        {"Raj", "Patel", "raj@patelpharmacy.co.uk", "+442075550199", "Patel Pharmacy", "Pharmacist", "London",
            "walk_in", "medium", "lost", 3000, 12000},
        {"Emily", "Chen", "emily.chen@vertexhealth.com", "+12125550163", "Vertex Health", "VP Sales",
            "New York", "website", "high", "qualified", 91000, 1300},
        {"Lucas", "Silva", "lucas@mar-azul.com.br", "+5511955550134", "Mar Azul Turismo", "Diretor",
            "São Paulo", "social_media", "medium", "contacted", 15000, 640},
        {"Olivia", "Brown", "olivia.brown@harbourcafe.com.au", "+61295550145", "Harbour Café", "Manager",
            "Sydney", "website", "low", "new", 2500, 12},
        {"Noah", "Williams", "noah@williams-law.com", "+13125550171", "Williams & Partners", "Partner",
            "Chicago", "referral", "high", "proposal_sent", 54000, 4300},
        {"Fatima", "Zahra", "fatima.zahra@atlasmedia.ma", "+212522555017", "Atlas Media", "Marketing Lead",
            "Casablanca", "cold_call", "medium", "contacted", 9900, 1900},
    };
    return samples;
}

const std::vector<FinishedCampaignSample> &finishedCampaigns()
{
    static const std::vector<FinishedCampaignSample> samples {
        {"Spring promo", "Hi {first_name|there}, our spring offer ends Friday: 20% off the first year.", 12,
            10, 9, 4, 1},
        {"Renewals Q2", "Hello {first_name|there}, your plan renews next month. Shall we review it together?",
            6, 8, 8, 2, 0},
        {"Webinar invite", "{first_name|Hi}, join our 30-minute product webinar on Thursday?", 3, 12, 10, 5,
            2},
    };
    return samples;
}

std::vector<CampaignSample> campaigns()
{
    return {
        {"Winter follow-up", "sms", nullptr,
            "Hi {first_name|there}, {owner|our team} here: thanks for your time this winter. Shall we pick "
            "up "
            "where we left off? Reply YES and I'll call you.",
            QJsonObject {{QStringLiteral("status"), names({"qualified", "proposal_sent", "negotiation"})}},
            30, "completed", "drdrsdfd", 4300},
        {"Spring offer — new leads", "email", "{first_name|Hello}, your spring offer is ready",
            "Hi {first_name|there},\n\nour spring offer for {company_name|your team} runs until Friday. "
            "Reply to this email and {owner|we} will send you the details.",
            QJsonObject {
                {QStringLiteral("status"), names({"new", "contacted"})}, {QStringLiteral("hasEmail"), true}},
            60, "paused", "ocsqq", 90},
        {"Renewals Q3", "sms", nullptr,
            "Hi {first_name|there}, your plan with us renews next month. Any questions? Just reply here.",
            QJsonObject {{QStringLiteral("hasPhone"), true}}, 60, "draft", "", 20},
    };
}

QStringList statusPath(const QString &status)
{
    // The pipeline in order up to won; a lost lead was contacted first.
    static const QStringList pipeline = [] {
        QStringList names;
        for (const auto step : allLeadStatuses()) {
            if (step != LeadStatus::Lost)
                names.append(leadStatusName(step));
        }
        return names;
    }();
    if (leadStatusFromName(status) == LeadStatus::Lost)
        return {leadStatusName(LeadStatus::New), leadStatusName(LeadStatus::Contacted),
            leadStatusName(LeadStatus::Lost)};
    const auto end = pipeline.indexOf(status);
    return pipeline.mid(0, end < 0 ? 1 : end + 1);
}

QString memoFor(int index)
{
    static const char *memos[] = {
        "Wants a pilot for two depots before committing; decision in Q3.",
        "Budget approved. Needs SSO and an export to their ERP.",
        "Asked for references in the same industry.",
        "Prefers WhatsApp for follow-ups; call after 3 pm local time.",
    };
    return QString::fromLatin1(memos[index / 2 % 4]);
}

std::vector<ConfigSample> configs()
{
    const auto retry = [](int attempts, int initial, int factor) {
        return QJsonObject {{QStringLiteral("maxAttempts"), attempts},
            {QStringLiteral("initialDelay"), initial}, {QStringLiteral("backoffFactor"), factor},
            {QStringLiteral("maxDelay"), 36000}};
    };
    return {
        {QJsonObject {{QStringLiteral("name"), QStringLiteral("CRM sync (HubSpot)")},
             {QStringLiteral("url"), QStringLiteral("https://hooks.example.com/crm/switchboard")},
             {QStringLiteral("description"), QStringLiteral("Mirrors lead changes into the sales CRM")},
             {QStringLiteral("eventTypes"),
                 names({"lead.created", "lead.updated", "lead.status_changed", "lead.converted"})},
             {QStringLiteral("headers"),
                 QJsonObject {{QStringLiteral("X-Tenant"), QStringLiteral("acme-sales")}}},
             {QStringLiteral("retryConfig"), retry(8, 5, 6)}},
            {}},
        {QJsonObject {{QStringLiteral("name"), QStringLiteral("Slack #sales-alerts")},
             {QStringLiteral("url"), QStringLiteral("https://hooks.example.com/slack/T024BE7LD/B08S3N4PA")},
             {QStringLiteral("description"), QStringLiteral("New inbound messages and hot leads")},
             {QStringLiteral("eventTypes"), names({"message.created", "lead.created"})},
             {QStringLiteral("retryConfig"), retry(3, 10, 3)}, {QStringLiteral("timeoutMs"), 5000}},
            {}},
        {QJsonObject {{QStringLiteral("name"), QStringLiteral("Analytics warehouse")},
             {QStringLiteral("url"), QStringLiteral("https://ingest.example.com/v1/events/switchboard")},
             {QStringLiteral("eventTypes"),
                 names(
                     {"call.completed", "conversation.completed", "message.created", "campaign.completed"})},
             {QStringLiteral("filters"),
                 QJsonObject {{QStringLiteral("campaigns"), names({"spring-promo", "renewals-q3"})}}}},
            {}},
        {QJsonObject {{QStringLiteral("name"), QStringLiteral("Legacy ERP bridge")},
             {QStringLiteral("url"), QStringLiteral("https://erp.example.com/webhooks/switchboard")},
             {QStringLiteral("eventTypes"), names({"customer.created", "order.created", "payment.received"})},
             {QStringLiteral("disableAfterFailures"), 12}},
            QStringLiteral("410 Gone")},
    };
}

std::vector<DeliveryPlan> deliveries(const QList<WebhookConfig> &configs, qint64 nowMs)
{
    std::vector<DeliveryPlan> plans;
    Sequence random;
    const int count = 160;
    for (int i = 0; i < count; ++i) {
        // Spread over the last three days, denser towards now.
        const qint64 age
            = qint64(count - i) * (count - i) * 3 * 24 * 60 / (count * count) * minuteMs + random.next(50000);
        const auto &config = configs[random.next(10) < 8 ? random.next(3) : 3];
        const auto eventType = config.eventTypes[random.next(int(config.eventTypes.size()))];
        DeliveryPlan plan;
        plan.createdAt = nowMs - age;
        auto &d = plan.delivery;
        d.id = newRecordId(u"msg_", plan.createdAt);
        d.eventId = newRecordId(u"evt_", plan.createdAt);
        d.configId = config.id;
        d.eventType = eventType;
        d.source = QStringLiteral("demo");
        QJsonObject data {{QStringLiteral("leadId"), 1 + random.next(12)},
            {QStringLiteral("source"), QStringLiteral("demo")}};
        if (eventType.startsWith(QLatin1String("message.")))
            data.insert(QStringLiteral("body"), QStringLiteral("Hi! Is the spring offer still available?"));
        if (config.filters.contains(QStringLiteral("campaigns")))
            data.insert(QStringLiteral("campaignId"), QStringLiteral("spring-promo"));
        d.payload = DeliveryFanout::payloadFor(eventType, plan.createdAt, data);
        // The ERP bridge answers 410 (and got disabled); others mostly succeed, some after retries.
        const bool gone = config.disabledReason.size() > 0;
        const int roll = random.next(100);
        const int failedTries = gone ? 1
            : roll < 78              ? 0
            : roll < 90              ? 1 + random.next(2)
                                     : config.retry.maxAttempts;
        const bool delivered = !gone && failedTries < config.retry.maxAttempts;
        const int tries = gone ? 1 : delivered ? failedTries + 1 : failedTries;
        d.status = delivered ? DeliveryStatus::Delivered : DeliveryStatus::Failed;
        qint64 at = plan.createdAt + 40;
        for (int attempt = 1; attempt <= tries; ++attempt) {
            DeliveryAttempt a;
            a.deliveryId = d.id;
            a.attempt = attempt;
            a.startedAt = at;
            a.url = config.url;
            a.requestHeaders
                = {{"Content-Type", "application/json"}, {"User-Agent", "Switchboard-Webhooks/1.0"},
                    {"webhook-id", d.id.toLatin1()}, {"webhook-timestamp", QByteArray::number(at / 1000)},
                    {"X-Webhook-Event", eventType.toLatin1()},
                    {"X-Webhook-Signature",
                        "sha256="
                            + QByteArray(QCryptographicHash::hash(
                                QByteArray(d.payload + d.id.toLatin1()), QCryptographicHash::Sha256)
                                             .toHex())}};
            a.requestBody = d.payload;
            const bool ok = delivered && attempt == tries;
            if (gone) {
                a.responseStatus = 410;
                a.responseBody = R"({"error":"this endpoint was retired on 2025-06-30"})";
                a.responseHeaders = {{"Content-Type", "application/json"}};
                a.latencyMs = 96;
                a.error = QStringLiteral("HTTP 410");
            } else if (ok) {
                a.responseStatus = 200;
                a.responseHeaders = {
                    {"Content-Type", "application/json"}, {"X-Request-Id", d.eventId.right(12).toLatin1()}};
                a.responseBody = R"({"ok":true})";
                a.latencyMs = 45 + random.next(300);
            } else {
                const auto &f = failures[random.next(int(std::size(failures)))];
                a.responseStatus = f.status;
                a.responseBody = f.body;
                if (f.status)
                    a.responseHeaders
                        = {{"Content-Type", f.body.startsWith('<') ? "text/html" : "application/json"}};
                a.latencyMs = f.latency;
                a.error = QString::fromLatin1(f.error);
            }
            plan.attempts.append(a);
            d.lastStatus = a.responseStatus;
            d.lastError = a.error;
            at += a.latencyMs + qint64(config.retry.baseDelaySeconds(attempt + 1) * 1000);
        }
        d.attempts = tries;
        plan.updatedAt = std::min(nowMs, plan.attempts.last().startedAt + plan.attempts.last().latencyMs);
        plans.push_back(plan);
    }
    // Inserted oldest first, so the log's order (by seq) is the order of time.
    std::sort(
        plans.begin(), plans.end(), [](const auto &a, const auto &b) { return a.createdAt < b.createdAt; });
    return plans;
}

std::vector<InboundSample> inboundRequests(qint64 nowMs)
{
    struct Raw
    {
        const char *path, *provider, *handler, *event, *contentType, *body, *status, *verification;
        int response;
        int ageMinutes;
    };
    const Raw samples[] = {
        {"/api/v1/webhooks/incoming/lead/create", "crm", "crm.new_lead", "new_lead", "application/json",
            R"({"event":"new_lead","data":{"first_name":"Aiko","last_name":"Tanaka","email":"aiko.tanaka@kumo.jp"}})",
            "processed", "verified", 200, 35},
        {"/api/webhooks/twilio/sms", "twilio", "twilio.sms", "sms.received",
            "application/x-www-form-urlencoded",
            "MessageSid=SM3f9a7c&From=%2B14155550142&To=%2B14155550100&Body=Can+we+move+the+demo+to+Friday%"
            "3F",
            "processed", "verified", 200, 18},
        {"/api/webhooks/mailgun/inbound", "mailgun", "mailgun.inbound", "email.received",
            "application/x-www-form-urlencoded",
            "sender=emily.chen%40vertexhealth.com&recipient=sales%40switchboard.example&subject=Re%3A+"
            "Proposal"
            "&stripped-text=Looks+good%2C+send+the+contract.&Message-Id=%3Cdemo-proposal%40vertexhealth.com%"
            "3E",
            "processed", "verified", 200, 9},
        {"/api/webhooks/elevenlabs/post-call", "elevenlabs", "elevenlabs.post_call",
            "post_call_transcription", "application/json",
            R"({"type":"post_call_transcription","data":{"agent_id":"agent_7f3","conversation_id":"conv_91c","status":"done"}})",
            "processed", "verified", 200, 6},
        {"/api/v1/webhooks/incoming/lead/create", "crm", "crm.new_lead", "", "application/json",
            R"({"event":"new_lead","data":{"first_name":"Mallory"}})", "rejected", "invalid", 401, 4},
        {"/api/webhooks/test", "test", "test", "hello", "application/json",
            R"({"event":"hello","source":"curl"})", "processed", "not_required", 200, 1},
    };
    std::vector<InboundSample> result;
    for (const auto &raw : samples) {
        InboundSample sample;
        auto &r = sample.request;
        r.method = "POST";
        r.rawTarget = raw.path;
        r.path = QString::fromLatin1(raw.path);
        r.body = raw.body;
        r.headers
            = {{"Host", "demo.ngrok-free.app"}, {"Content-Type", raw.contentType}, {"User-Agent", "demo"}};
        r.rawHead = "POST " + r.rawTarget
            + " HTTP/1.1\r\nHost: demo.ngrok-free.app\r\nContent-Type: " + QByteArray(raw.contentType)
            + "\r\nContent-Length: " + QByteArray::number(r.body.size()) + "\r\n";
        r.peer = QHostAddress(QHostAddress::LocalHost);
        r.clientIp = QStringLiteral("203.0.113.%1").arg(10 + raw.ageMinutes % 200);
        r.receivedAtMs = nowMs - qint64(raw.ageMinutes) * minuteMs;
        r.recordId = newRecordId(u"evt_", r.receivedAtMs);
        auto &o = sample.outcome;
        o.provider = QString::fromLatin1(raw.provider);
        o.handler = QString::fromLatin1(raw.handler);
        o.eventType = QString::fromLatin1(raw.event);
        o.status = QString::fromLatin1(raw.status);
        const auto verification = QString::fromLatin1(raw.verification);
        o.verification.outcome = verification == QLatin1String("verified") ? Verification::Outcome::Verified
            : verification == QLatin1String("invalid")                     ? Verification::Outcome::Invalid
                                                       : Verification::Outcome::NotRequired;
        if (o.verification.outcome == Verification::Outcome::Invalid) {
            o.verification.detail = QStringLiteral("X-Webhook-Signature does not match the body");
            o.verification.stringToSign = r.body;
        }
        sample.response.status = raw.response;
        sample.response.body = raw.response == 200
            ? R"({"success":true,"message":"Webhook received and processed"})"
            : R"({"detail":"invalid signature"})";
        result.push_back(sample);
    }
    return result;
}

} // namespace sb::demo
