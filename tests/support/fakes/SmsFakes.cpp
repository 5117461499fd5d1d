#include "SmsFakes.h"

#include "domain/SmsSegments.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrl>

namespace sb::test {

namespace {

QString randomHex(int digits, bool upper = false)
{
    static const char lower[] = "0123456789abcdef";
    static const char capital[] = "0123456789ABCDEF";
    QString text;
    for (int i = 0; i < digits; ++i)
        text += QLatin1Char((upper ? capital : lower)[QRandomGenerator::global()->bounded(16)]);
    return text;
}

WebhookReceiver::Answer jsonAnswer(int status, const QJsonObject &json)
{
    WebhookReceiver::Answer answer;
    answer.status = status;
    answer.headers = {{"Content-Type", "application/json"}};
    answer.body = QJsonDocument(json).toJson(QJsonDocument::Compact);
    return answer;
}

QByteArray mediaType(const WebhookReceiver::Received &request)
{
    QByteArray type = request.header("Content-Type");
    const qsizetype semicolon = type.indexOf(';');
    if (semicolon >= 0)
        type.truncate(semicolon);
    return type.trimmed().toLower();
}

QByteArray pathOf(const WebhookReceiver::Received &request)
{
    QByteArray path = request.target;
    const qsizetype query = path.indexOf('?');
    if (query >= 0)
        path.truncate(query);
    return path;
}

bool isE164(const QString &number)
{
    static const QRegularExpression pattern(QStringLiteral("^\\+[1-9][0-9]{1,14}$"));
    return pattern.match(number).hasMatch();
}

// An alphanumeric sender ID: 1 to 11 letters, digits and spaces, at least one letter.
bool isAlphanumericSender(const QString &from)
{
    static const QRegularExpression pattern(QStringLiteral("^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$"));
    return pattern.match(from).hasMatch();
}

bool isHttpUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty()
        && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
}

// One failed check: recorded as a violation, the first one of a request is what the fake answers.
struct Problem
{
    int httpStatus;
    QString code;
    QString message;
};

// Twilio's error body (twilio.com/docs/usage/troubleshooting/debugging-your-application):
// {"code": 21211, "message": "...", "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400}.
WebhookReceiver::Answer twilioError(int status, int code, const QString &message)
{
    return jsonAnswer(status,
        QJsonObject {{QStringLiteral("code"), code}, {QStringLiteral("message"), message},
            {QStringLiteral("more_info"), QStringLiteral("https://www.twilio.com/docs/errors/%1").arg(code)},
            {QStringLiteral("status"), status}});
}

QString rfc2822Now()
{
    return QLocale::c().toString(
        QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss +0000"));
}

} // namespace

// ---------------------------------------------------------------------------------------------- Twilio

FakeTwilio::FakeTwilio(QString accountSid, QString authToken)
    : m_accountSid(std::move(accountSid))
    , m_authToken(std::move(authToken))
{
    m_receiver.setResponder([this](const WebhookReceiver::Received &request) { return respond(request); });
}

QString FakeTwilio::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_receiver.port());
}

FormFields FakeTwilio::lastForm() const
{
    if (m_receiver.received().isEmpty())
        return {};
    return FormParser::parse(m_receiver.received().last().body);
}

void FakeTwilio::answerNextTooManyRequests(int retryAfterSeconds)
{
    WebhookReceiver::Answer answer = twilioError(429, 20429, QStringLiteral("Too Many Requests"));
    answer.headers.append({"Retry-After", QByteArray::number(retryAfterSeconds)});
    m_next.push_back(answer);
}

void FakeTwilio::answerNextServerError()
{
    m_next.push_back(twilioError(500, 20500, QStringLiteral("Internal Server Error")));
}

WebhookReceiver::Answer FakeTwilio::respond(const WebhookReceiver::Received &request)
{
    QList<Problem> problems;
    auto fail = [&](int status, int code, const QString &message) {
        problems.append({status, QString::number(code), message});
    };

    const QByteArray expectedAuth
        = "Basic " + (m_accountSid + QLatin1Char(':') + m_authToken).toUtf8().toBase64();
    if (request.header("Authorization") != expectedAuth)
        fail(401, 20003, QStringLiteral("Authenticate"));
    const QByteArray expectedPath = "/2010-04-01/Accounts/" + m_accountSid.toUtf8() + "/Messages.json";
    if (pathOf(request) != expectedPath) {
        fail(404, 20404,
            QStringLiteral("The requested resource %1 was not found")
                .arg(QString::fromUtf8(pathOf(request))));
    }
    if (request.method != "POST")
        fail(405, 20004, QStringLiteral("Method not allowed"));
    if (mediaType(request) != "application/x-www-form-urlencoded")
        fail(400, 20001, QStringLiteral("Content-Type must be application/x-www-form-urlencoded"));

    const FormFields form = FormParser::parse(request.body);
    const QString to = form.value(u"To");
    const QString from = form.value(u"From");
    const QString serviceSid = form.value(u"MessagingServiceSid");
    const QString body = form.value(u"Body");
    const QString callback = form.value(u"StatusCallback");
    if (to.isEmpty())
        fail(400, 21604, QStringLiteral("A 'To' phone number is required."));
    else if (!isE164(to))
        fail(400, 21211, QStringLiteral("The 'To' number %1 is not a valid phone number.").arg(to));
    if (from.isEmpty() && serviceSid.isEmpty())
        fail(400, 21603, QStringLiteral("A 'From' phone number is required."));
    if (!from.isEmpty() && !isE164(from) && !isAlphanumericSender(from)) {
        fail(400, 21212,
            QStringLiteral("The 'From' number %1 is not a valid phone number, shortcode, or alphanumeric "
                           "sender ID.")
                .arg(from));
    }
    static const QRegularExpression servicePattern(QStringLiteral("^MG[0-9a-fA-F]{32}$"));
    if (!serviceSid.isEmpty() && !servicePattern.match(serviceSid).hasMatch())
        fail(400, 21701, QStringLiteral("The Messaging Service Sid %1 is invalid.").arg(serviceSid));
    if (body.isEmpty())
        fail(400, 21602, QStringLiteral("Message body is required."));
    else if (body.size() > 1600)
        fail(400, 21617, QStringLiteral("The concatenated message body exceeds the 1600 character limit."));
    if (form.contains(u"StatusCallback") && !isHttpUrl(callback))
        fail(400, 21609, QStringLiteral("The StatusCallback URL %1 is not a valid URL.").arg(callback));

    if (!problems.isEmpty()) {
        for (const Problem &problem : problems)
            m_violations.append(QStringLiteral("%1: %2").arg(problem.code, problem.message));
        const Problem &first = problems.first();
        return twilioError(first.httpStatus, first.code.toInt(), first.message);
    }
    if (!m_next.empty()) {
        WebhookReceiver::Answer answer = m_next.front();
        m_next.pop_front();
        return answer;
    }

    Message message {QStringLiteral("SM") + randomHex(32), to, from, serviceSid, body, callback};
    m_accepted.append(message);
    const QString created = rfc2822Now();
    // Through a Messaging Service without a From, the message is "accepted" until a sender is chosen.
    const bool viaService = from.isEmpty();
    return jsonAnswer(201,
        QJsonObject {
            {QStringLiteral("sid"), message.sid},
            {QStringLiteral("account_sid"), m_accountSid},
            {QStringLiteral("api_version"), QStringLiteral("2010-04-01")},
            {QStringLiteral("to"), to},
            {QStringLiteral("from"), viaService ? QJsonValue() : QJsonValue(from)},
            {QStringLiteral("messaging_service_sid"),
                serviceSid.isEmpty() ? QJsonValue() : QJsonValue(serviceSid)},
            {QStringLiteral("body"), body},
            {QStringLiteral("status"), viaService ? QStringLiteral("accepted") : QStringLiteral("queued")},
            {QStringLiteral("num_segments"),
                viaService ? QStringLiteral("0") : QString::number(SmsSegments::of(body).segments)},
            {QStringLiteral("num_media"), QStringLiteral("0")},
            {QStringLiteral("direction"), QStringLiteral("outbound-api")},
            {QStringLiteral("date_created"), created},
            {QStringLiteral("date_updated"), created},
            {QStringLiteral("date_sent"), QJsonValue()},
            {QStringLiteral("price"), QJsonValue()},
            {QStringLiteral("error_code"), QJsonValue()},
            {QStringLiteral("error_message"), QJsonValue()},
            {QStringLiteral("uri"),
                QStringLiteral("/2010-04-01/Accounts/%1/Messages/%2.json").arg(m_accountSid, message.sid)},
        });
}

// ---------------------------------------------------------------------------------------------- Vonage

namespace {

// Vonage's answer for one refused message: HTTP 200, {"message-count": "1", "messages": [{"status",
// "error-text"}]} (developer.vonage.com/messaging/sms/guides/troubleshooting-sms).
WebhookReceiver::Answer vonageStatus(const QString &status, const QString &errorText)
{
    return jsonAnswer(200,
        QJsonObject {{QStringLiteral("message-count"), QStringLiteral("1")},
            {QStringLiteral("messages"),
                QJsonArray {QJsonObject {
                    {QStringLiteral("status"), status}, {QStringLiteral("error-text"), errorText}}}}});
}

} // namespace

FakeVonage::FakeVonage(QString apiKey, QString apiSecret)
    : m_apiKey(std::move(apiKey))
    , m_apiSecret(std::move(apiSecret))
{
    m_receiver.setResponder([this](const WebhookReceiver::Received &request) { return respond(request); });
}

QString FakeVonage::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_receiver.port());
}

FormFields FakeVonage::lastForm() const
{
    if (m_receiver.received().isEmpty())
        return {};
    return FormParser::parse(m_receiver.received().last().body);
}

void FakeVonage::answerNextStatus(const QString &status, const QString &errorText)
{
    m_next.push_back(vonageStatus(status, errorText));
}

void FakeVonage::answerNextServerError()
{
    WebhookReceiver::Answer answer;
    answer.status = 500;
    answer.headers = {{"Content-Type", "text/plain"}};
    answer.body = "Internal Server Error";
    m_next.push_back(answer);
}

WebhookReceiver::Answer FakeVonage::respond(const WebhookReceiver::Received &request)
{
    if (pathOf(request) != "/sms/json" || request.method != "POST") {
        m_violations.append(QStringLiteral("not POST /sms/json: %1 %2")
                                .arg(QString::fromUtf8(request.method), QString::fromUtf8(request.target)));
        WebhookReceiver::Answer answer;
        answer.status = 404;
        answer.body = "Not Found";
        return answer;
    }

    QList<Problem> problems;
    auto fail = [&](const char *status, const QString &text) {
        problems.append({200, QString::fromLatin1(status), text});
    };
    if (mediaType(request) != "application/x-www-form-urlencoded")
        fail("2", QStringLiteral("Missing api_key (body is not application/x-www-form-urlencoded)"));
    const FormFields form = FormParser::parse(request.body);
    const QString apiKey = form.value(u"api_key");
    const QString apiSecret = form.value(u"api_secret");
    const QString from = form.value(u"from");
    const QString to = form.value(u"to");
    const QString text = form.value(u"text");
    const QString type = form.value(u"type");
    const QString clientRef = form.value(u"client-ref");
    const QString callback = form.value(u"callback");
    const QString report = form.value(u"status-report-req");

    if (apiKey.isEmpty())
        fail("2", QStringLiteral("Missing api_key"));
    if (apiSecret.isEmpty())
        fail("2", QStringLiteral("Missing api_secret"));
    if (!apiKey.isEmpty() && !apiSecret.isEmpty() && (apiKey != m_apiKey || apiSecret != m_apiSecret))
        fail("4", QStringLiteral("Bad Credentials"));
    if (from.isEmpty())
        fail("2", QStringLiteral("Missing from param"));
    else if (from.startsWith(QLatin1Char('+'))
        || (!isAlphanumericSender(from) && !isE164(QLatin1Char('+') + from)))
        fail("3", QStringLiteral("Invalid from param"));
    if (to.isEmpty())
        fail("2", QStringLiteral("Missing to param"));
    else if (!isE164(QLatin1Char('+') + to))
        fail("3", QStringLiteral("Invalid to address"));
    if (text.isEmpty())
        fail("2", QStringLiteral("Missing text param"));
    if (!type.isEmpty() && type != QLatin1String("text") && type != QLatin1String("unicode"))
        fail("3", QStringLiteral("Invalid type param"));
    if (!text.isEmpty() && !SmsSegments::isGsm7(text) && type != QLatin1String("unicode"))
        fail("3", QStringLiteral("Invalid text param: not GSM-7, type must be unicode"));
    if (clientRef.size() > 100)
        fail("3", QStringLiteral("Invalid client-ref param: longer than 100 characters"));
    if (form.contains(u"callback") && (callback.size() > 100 || !isHttpUrl(callback)))
        fail("3", QStringLiteral("Invalid callback param"));
    if (form.contains(u"status-report-req") && report != QLatin1String("1") && report != QLatin1String("0")
        && report != QLatin1String("true") && report != QLatin1String("false"))
        fail("3", QStringLiteral("Invalid status-report-req param"));

    if (!problems.isEmpty()) {
        for (const Problem &problem : problems)
            m_violations.append(QStringLiteral("status %1: %2").arg(problem.code, problem.message));
        return vonageStatus(problems.first().code, problems.first().message);
    }
    if (!m_next.empty()) {
        WebhookReceiver::Answer answer = m_next.front();
        m_next.pop_front();
        return answer;
    }

    const int parts = std::max(1, SmsSegments::of(text).segments);
    Message message {randomHex(16, true), from, to, text, type.isEmpty() ? QStringLiteral("text") : type,
        clientRef, callback, report == QLatin1String("1") || report == QLatin1String("true"), parts};
    QJsonArray messages;
    for (int part = 0; part < parts; ++part) {
        QJsonObject entry {
            {QStringLiteral("to"), to},
            {QStringLiteral("message-id"), part == 0 ? message.messageId : randomHex(16, true)},
            {QStringLiteral("status"), QStringLiteral("0")},
            {QStringLiteral("remaining-balance"), QStringLiteral("15.53590000")},
            {QStringLiteral("message-price"), QStringLiteral("0.03330000")},
            {QStringLiteral("network"), QStringLiteral("23410")},
        };
        if (!clientRef.isEmpty())
            entry.insert(QStringLiteral("client-ref"), clientRef);
        messages.append(entry);
    }
    m_accepted.append(message);
    return jsonAnswer(200,
        QJsonObject {{QStringLiteral("message-count"), QString::number(parts)},
            {QStringLiteral("messages"), messages}});
}

// ---------------------------------------------------------------------------------------------- ElevenLabs

namespace {

// A FastAPI validation error, as ElevenLabs answers 422: {"detail": [{"loc", "msg", "type"}]}.
QJsonObject validationEntry(const QString &field, const QString &msg, const QString &type)
{
    return QJsonObject {{QStringLiteral("loc"), QJsonArray {QStringLiteral("body"), field}},
        {QStringLiteral("msg"), msg}, {QStringLiteral("type"), type}};
}

} // namespace

FakeElevenLabs::FakeElevenLabs(QString apiKey)
    : m_apiKey(std::move(apiKey))
{
    m_receiver.setResponder([this](const WebhookReceiver::Received &request) { return respond(request); });
}

QString FakeElevenLabs::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_receiver.port());
}

QJsonObject FakeElevenLabs::lastJson() const
{
    if (m_receiver.received().isEmpty())
        return {};
    return QJsonDocument::fromJson(m_receiver.received().last().body).object();
}

void FakeElevenLabs::answerNextCallFailed(const QString &message)
{
    m_next.push_back(jsonAnswer(200,
        QJsonObject {{QStringLiteral("success"), false}, {QStringLiteral("message"), message},
            {QStringLiteral("conversation_id"), QJsonValue()}, {QStringLiteral("callSid"), QJsonValue()}}));
}

void FakeElevenLabs::answerNextTooManyRequests(int retryAfterSeconds)
{
    WebhookReceiver::Answer answer = jsonAnswer(429,
        QJsonObject {{QStringLiteral("detail"),
            QJsonObject {{QStringLiteral("status"), QStringLiteral("too_many_concurrent_requests")},
                {QStringLiteral("message"), QStringLiteral("Too many concurrent requests")}}}});
    answer.headers.append({"Retry-After", QByteArray::number(retryAfterSeconds)});
    m_next.push_back(answer);
}

void FakeElevenLabs::answerNextServerError()
{
    m_next.push_back(jsonAnswer(500,
        QJsonObject {{QStringLiteral("detail"),
            QJsonObject {{QStringLiteral("status"), QStringLiteral("internal_error")},
                {QStringLiteral("message"), QStringLiteral("Internal server error")}}}}));
}

WebhookReceiver::Answer FakeElevenLabs::respond(const WebhookReceiver::Received &request)
{
    if (pathOf(request) != "/v1/convai/twilio/outbound-call" || request.method != "POST") {
        m_violations.append(QStringLiteral("not POST /v1/convai/twilio/outbound-call: %1 %2")
                                .arg(QString::fromUtf8(request.method), QString::fromUtf8(request.target)));
        return jsonAnswer(404, QJsonObject {{QStringLiteral("detail"), QStringLiteral("Not Found")}});
    }
    if (request.header("xi-api-key") != m_apiKey.toUtf8()) {
        m_violations.append(QStringLiteral("xi-api-key missing or wrong"));
        return jsonAnswer(401,
            QJsonObject {{QStringLiteral("detail"),
                QJsonObject {{QStringLiteral("status"), QStringLiteral("invalid_api_key")},
                    {QStringLiteral("message"), QStringLiteral("Invalid API key")}}}});
    }

    QJsonArray errors;
    QJsonParseError parseError {};
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (mediaType(request) != "application/json")
        errors.append(validationEntry(QStringLiteral("content-type"),
            QStringLiteral("Content-Type must be application/json"), QStringLiteral("content_type")));
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        errors.append(
            validationEntry(QString(), QStringLiteral("JSON decode error"), QStringLiteral("json_invalid")));
    const QJsonObject json = document.object();
    for (const char *field : {"agent_id", "agent_phone_number_id", "to_number"}) {
        const QJsonValue value = json.value(QLatin1String(field));
        if (value.isUndefined())
            errors.append(validationEntry(
                QLatin1String(field), QStringLiteral("Field required"), QStringLiteral("missing")));
        else if (!value.isString() || value.toString().trimmed().isEmpty())
            errors.append(validationEntry(QLatin1String(field),
                QStringLiteral("Input should be a non-empty string"), QStringLiteral("string_type")));
    }
    const QString toNumber = json.value(QLatin1String("to_number")).toString();
    if (!toNumber.isEmpty() && !isE164(toNumber))
        errors.append(validationEntry(QStringLiteral("to_number"),
            QStringLiteral("Value is not a valid E.164 phone number"), QStringLiteral("value_error")));
    QJsonObject variables;
    const QJsonValue clientData = json.value(QLatin1String("conversation_initiation_client_data"));
    if (!clientData.isUndefined() && !clientData.isNull()) {
        if (!clientData.isObject()) {
            errors.append(validationEntry(QStringLiteral("conversation_initiation_client_data"),
                QStringLiteral("Input should be an object"), QStringLiteral("model_type")));
        } else {
            const QJsonValue dynamic = clientData.toObject().value(QLatin1String("dynamic_variables"));
            if (!dynamic.isUndefined() && !dynamic.isObject()) {
                errors.append(validationEntry(QStringLiteral("dynamic_variables"),
                    QStringLiteral("Input should be an object"), QStringLiteral("dict_type")));
            } else {
                variables = dynamic.toObject();
                for (auto it = variables.begin(); it != variables.end(); ++it) {
                    // Dynamic variables are strings, numbers or booleans.
                    if (!it.value().isString() && !it.value().isDouble() && !it.value().isBool())
                        errors.append(validationEntry(it.key(),
                            QStringLiteral("Input should be a string, number or boolean"),
                            QStringLiteral("value_error")));
                }
            }
        }
    }

    if (!errors.isEmpty()) {
        for (const QJsonValue &error : errors) {
            const QJsonObject entry = error.toObject();
            m_violations.append(
                QStringLiteral("%1: %2").arg(entry.value(QLatin1String("loc")).toArray().last().toString(),
                    entry.value(QLatin1String("msg")).toString()));
        }
        return jsonAnswer(422, QJsonObject {{QStringLiteral("detail"), errors}});
    }
    if (!m_next.empty()) {
        WebhookReceiver::Answer answer = m_next.front();
        m_next.pop_front();
        return answer;
    }

    Call call {json.value(QLatin1String("agent_id")).toString(),
        json.value(QLatin1String("agent_phone_number_id")).toString(), toNumber, variables,
        QStringLiteral("conv_") + randomHex(26), QStringLiteral("CA") + randomHex(32)};
    m_accepted.append(call);
    return jsonAnswer(200,
        QJsonObject {{QStringLiteral("success"), true},
            {QStringLiteral("message"), QStringLiteral("Success")},
            {QStringLiteral("conversation_id"), call.conversationId},
            {QStringLiteral("callSid"), call.callSid}});
}

} // namespace sb::test
