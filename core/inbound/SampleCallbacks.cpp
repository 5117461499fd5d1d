#include "SampleCallbacks.h"

#include "http/FormParser.h"
#include "security/ElevenLabsSignature.h"
#include "security/MailgunSignature.h"
#include "security/TwilioSignature.h"
#include "storage/SecretStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUrl>

namespace sb {

namespace {

// Provider ids have a fixed prefix and hex digits (Twilio: SM + 32, Mailgun tokens: 50).
QString randomHex(int digits)
{
    QByteArray bytes((digits + 1) / 2, Qt::Uninitialized);
    for (auto &byte : bytes)
        byte = char(QRandomGenerator::global()->bounded(256));
    return QString::fromLatin1(bytes.toHex().left(digits));
}

QByteArray formBody(const FormFields &fields)
{
    QByteArray body;
    for (const auto &field : fields.items) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(field.name) + '=' + QUrl::toPercentEncoding(field.value);
    }
    return body;
}

QString firstSecret(const SecretStore &secrets, const QStringList &names, QString *value)
{
    for (const auto &name : names) {
        *value = secrets.value(name);
        if (!value->isEmpty())
            return name;
    }
    return {};
}

QString orDefault(const QString &value, const QString &fallback)
{
    return value.trimmed().isEmpty() ? fallback : value.trimmed();
}

// A form as Twilio posts it for an incoming SMS (twilio.com/docs/messaging/guides/webhook-request).
void buildTwilioSms(SampleCallback &sample, const SampleCallback::Input &input, const QString &secret)
{
    FormFields form;
    const QString account = QStringLiteral("AC") + randomHex(32);
    form.append(QStringLiteral("ToCountry"), QStringLiteral("US"));
    form.append(QStringLiteral("SmsMessageSid"), QString());
    form.append(QStringLiteral("NumMedia"), QStringLiteral("0"));
    form.append(QStringLiteral("SmsSid"), QString());
    form.append(QStringLiteral("SmsStatus"), QStringLiteral("received"));
    form.append(QStringLiteral("Body"), orDefault(input.text, SampleCallback::defaultText(sample.kind)));
    form.append(QStringLiteral("To"), QStringLiteral("+15005550006"));
    form.append(QStringLiteral("NumSegments"), QStringLiteral("1"));
    form.append(QStringLiteral("MessageSid"), QString());
    form.append(QStringLiteral("AccountSid"), account);
    form.append(QStringLiteral("From"), orDefault(input.from, SampleCallback::defaultFrom(sample.kind)));
    form.append(QStringLiteral("ApiVersion"), QStringLiteral("2010-04-01"));
    // The three message ids are one and the same SMxxxxxxxx.
    const QString sid = QStringLiteral("SM") + randomHex(32);
    for (auto &field : form.items) {
        if (field.name.endsWith(QLatin1String("Sid")) && field.value.isEmpty())
            field.value = sid;
    }
    sample.path = QStringLiteral("/api/webhooks/twilio/sms");
    sample.contentType = "application/x-www-form-urlencoded";
    sample.body = formBody(form);
    if (!secret.isEmpty()) {
        sample.headers.append({TwilioSignature::headerName.toByteArray(),
            TwilioSignature::sign(secret.toUtf8(), sample.signedUrl.toUtf8(), form)});
    }
}

// A routed inbound email as Mailgun forwards it (documentation.mailgun.com, "Receiving messages":
// the parsed fields plus timestamp, token and signature).
void buildMailgunEmail(
    SampleCallback &sample, const SampleCallback::Input &input, const QString &secret, qint64 nowMs)
{
    const auto address = orDefault(input.from, SampleCallback::defaultFrom(sample.kind));
    const auto name = orDefault(input.name, QStringLiteral("Priya Raman"));
    const auto text = orDefault(input.text, SampleCallback::defaultText(sample.kind));
    const auto timestamp = QString::number(nowMs / 1000);
    const auto token = randomHex(50);
    const auto messageId = QStringLiteral("<%1@mail.example.com>").arg(randomHex(24));
    FormFields form;
    form.append(QStringLiteral("recipient"), QStringLiteral("sales@switchboard.example"));
    form.append(QStringLiteral("sender"), address);
    form.append(QStringLiteral("from"), QStringLiteral("%1 <%2>").arg(name, address));
    form.append(QStringLiteral("subject"), orDefault(input.subject, SampleCallback::defaultSubject()));
    form.append(QStringLiteral("body-plain"), text + QStringLiteral("\n\n--\n") + name);
    form.append(QStringLiteral("stripped-text"), text);
    form.append(QStringLiteral("Message-Id"), messageId);
    form.append(QStringLiteral("timestamp"), timestamp);
    form.append(QStringLiteral("token"), token);
    form.append(QStringLiteral("signature"),
        secret.isEmpty() ? QString()
                         : QString::fromLatin1(MailgunSignature::sign(
                             secret.toUtf8(), timestamp.toLatin1(), token.toLatin1())));
    sample.path = QStringLiteral("/api/webhooks/mailgun/inbound");
    sample.contentType = "application/x-www-form-urlencoded";
    sample.body = formBody(form);
}

// A post_call_transcription event (elevenlabs.io/docs/agents-platform/workflows/post-call-webhooks).
void buildElevenLabsPostCall(
    SampleCallback &sample, const SampleCallback::Input &input, const QString &secret, qint64 nowMs)
{
    const qint64 now = nowMs / 1000;
    const auto caller = orDefault(input.from, SampleCallback::defaultFrom(sample.kind));
    const auto words = orDefault(input.text, SampleCallback::defaultText(sample.kind));
    const QJsonArray transcript {
        QJsonObject {{QStringLiteral("role"), QStringLiteral("agent")},
            {QStringLiteral("message"), QStringLiteral("Hi, this is Ava from Switchboard. How can I help?")},
            {QStringLiteral("time_in_call_secs"), 0}},
        QJsonObject {{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("message"), words},
            {QStringLiteral("time_in_call_secs"), 4}},
        QJsonObject {{QStringLiteral("role"), QStringLiteral("agent")},
            {QStringLiteral("message"),
                QStringLiteral("Done: Tuesday at 10:00. You'll get an invite by email.")},
            {QStringLiteral("time_in_call_secs"), 41}}};
    const QJsonObject data {{QStringLiteral("agent_id"), QString(QStringLiteral("agent_") + randomHex(20))},
        {QStringLiteral("conversation_id"), QString(QStringLiteral("conv_") + randomHex(20))},
        {QStringLiteral("status"), QStringLiteral("done")}, {QStringLiteral("transcript"), transcript},
        {QStringLiteral("metadata"),
            QJsonObject {{QStringLiteral("start_time_unix_secs"), now - 95},
                {QStringLiteral("call_duration_secs"), 95},
                {QStringLiteral("phone_call"),
                    QJsonObject {{QStringLiteral("direction"), QStringLiteral("inbound")},
                        {QStringLiteral("external_number"), caller},
                        {QStringLiteral("agent_number"), QStringLiteral("+15005550006")},
                        {QStringLiteral("type"), QStringLiteral("twilio")}}}}},
        {QStringLiteral("analysis"),
            QJsonObject {{QStringLiteral("call_successful"), QStringLiteral("success")},
                {QStringLiteral("transcript_summary"),
                    QStringLiteral("The caller asked for a product demo; booked for Tuesday 10:00.")}}},
        {QStringLiteral("conversation_initiation_client_data"),
            QJsonObject {{QStringLiteral("dynamic_variables"),
                QJsonObject {{QStringLiteral("system__caller_id"), caller}}}}}};
    const QJsonObject event {{QStringLiteral("type"), QStringLiteral("post_call_transcription")},
        {QStringLiteral("event_timestamp"), now}, {QStringLiteral("data"), data}};
    sample.path = QStringLiteral("/api/webhooks/elevenlabs/post-call");
    sample.contentType = "application/json";
    sample.body = QJsonDocument(event).toJson(QJsonDocument::Compact);
    if (!secret.isEmpty())
        sample.headers.append({ElevenLabsSignature::headerName.toByteArray(),
            ElevenLabsSignature::sign(secret.toUtf8(), now, sample.body)});
}

} // namespace

QStringList SampleCallback::secretNames(Kind kind)
{
    switch (kind) {
    case Kind::TwilioSms:
        return {QStringLiteral("TWILIO_AUTH_TOKEN")};
    case Kind::MailgunEmail:
        return {QStringLiteral("MAILGUN_WEBHOOK_SIGNING_KEY")};
    case Kind::ElevenLabsPostCall:
        return {QStringLiteral("ELEVENLABS_POST_CALL_WEBHOOK_SECRET"),
            QStringLiteral("ELEVENLABS_WEBHOOK_SECRET")};
    }
    return {};
}

QString SampleCallback::defaultFrom(Kind kind)
{
    // 555-01xx numbers are reserved for fiction; example.com is reserved for documentation.
    return kind == Kind::MailgunEmail ? QStringLiteral("priya.raman@example.com")
                                      : QStringLiteral("+14155550123");
}

QString SampleCallback::defaultText(Kind kind)
{
    switch (kind) {
    case Kind::TwilioSms:
        return QStringLiteral("Hi, is the rollout still on for Friday?");
    case Kind::MailgunEmail:
        return QStringLiteral(
            "Thanks for the demo yesterday. Could you send the pricing for 40 seats and the security "
            "questionnaire?");
    case Kind::ElevenLabsPostCall:
        return QStringLiteral("I'd like to book a demo for next week, Tuesday works.");
    }
    return {};
}

QString SampleCallback::defaultSubject()
{
    return QStringLiteral("Pricing for 40 seats");
}

SampleCallback SampleCallback::build(
    Kind kind, const Input &input, const QString &signedBase, const SecretStore &secrets, qint64 nowMs)
{
    SampleCallback sample;
    sample.kind = kind;
    QString secret;
    sample.secretName = firstSecret(secrets, secretNames(kind), &secret);
    auto base = signedBase;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    switch (kind) {
    case Kind::TwilioSms:
        sample.signedUrl = base + QStringLiteral("/api/webhooks/twilio/sms");
        buildTwilioSms(sample, input, secret);
        break;
    case Kind::MailgunEmail:
        buildMailgunEmail(sample, input, secret, nowMs);
        break;
    case Kind::ElevenLabsPostCall:
        buildElevenLabsPostCall(sample, input, secret, nowMs);
        break;
    }
    if (sample.signedUrl.isEmpty())
        sample.signedUrl = base + sample.path;
    return sample;
}

} // namespace sb
