#include "EmailFakes.h"

#include "domain/EmailAddress.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace sb::test {

namespace {

QJsonObject sendGridErrors(const QString &message, const QString &field = {})
{
    QJsonObject error {{QStringLiteral("message"), message},
        {QStringLiteral("field"), field.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(field)},
        {QStringLiteral("help"), QJsonValue::Null}};
    return QJsonObject {{QStringLiteral("errors"), QJsonArray {error}}};
}

bool validEmailObject(const QJsonValue &value)
{
    const auto object = value.toObject();
    if (!value.isObject() || !object.value(QLatin1String("email")).isString())
        return false;
    if (object.contains(QLatin1String("name")) && !object.value(QLatin1String("name")).isString())
        return false;
    return sb::EmailAddress::isValid(object.value(QLatin1String("email")).toString());
}

} // namespace

FakeSendGrid::FakeSendGrid(QString apiKey)
    : MailChatFake(QStringLiteral("SendGrid"))
    , m_apiKey(std::move(apiKey))
{ }

void FakeSendGrid::rateLimitNext(int retryAfterSeconds)
{
    answerNext(json(429, sendGridErrors(QStringLiteral("too many requests")),
        {{"X-RateLimit-Limit", "600"}, {"X-RateLimit-Remaining", "0"},
            {"Retry-After", QByteArray::number(retryAfterSeconds)}}));
}

MailChatFake::Answer FakeSendGrid::handle(const Request &request, QStringList &problems)
{
    if (request.method != "POST" || path(request) != "/v3/mail/send") {
        problems << QStringLiteral("expected POST /v3/mail/send, got %1 %2")
                        .arg(QString::fromUtf8(request.method), QString::fromUtf8(request.target));
        return json(404, sendGridErrors(QStringLiteral("not found")));
    }
    if (request.header("Authorization") != "Bearer " + m_apiKey.toUtf8()) {
        problems << QStringLiteral("Authorization is not Bearer <api_key>");
        return json(401,
            sendGridErrors(
                QStringLiteral("The provided authorization grant is invalid, expired, or revoked")));
    }
    if (!isJson(request)) {
        problems << QStringLiteral("Content-Type is not application/json");
        return json(400, sendGridErrors(QStringLiteral("Content-Type should be application/json.")));
    }
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        problems << QStringLiteral("the body is not a JSON object");
        return json(400, sendGridErrors(QStringLiteral("Bad Request")));
    }
    const auto body = document.object();
    auto refuse = [&](const QString &message, const QString &field) {
        problems << message + QStringLiteral(" (") + field + QLatin1Char(')');
        return json(400, sendGridErrors(message, field));
    };

    const auto personalizations = body.value(QLatin1String("personalizations")).toArray();
    if (personalizations.isEmpty())
        return refuse(QStringLiteral("You must have at least one personalization."),
            QStringLiteral("personalizations"));
    if (personalizations.size() > 1000)
        return refuse(
            QStringLiteral("The personalization block is limited to 1000 personalizations per API request."),
            QStringLiteral("personalizations"));
    for (qsizetype i = 0; i < personalizations.size(); ++i) {
        const auto field = QStringLiteral("personalizations.%1").arg(i);
        const auto personalization = personalizations.at(i).toObject();
        const auto to = personalization.value(QLatin1String("to")).toArray();
        if (to.isEmpty())
            return refuse(
                QStringLiteral("The to array is required for all personalization objects, and must have at "
                               "least one email object with a valid email address."),
                field + QStringLiteral(".to"));
        for (qsizetype j = 0; j < to.size(); ++j) {
            if (!validEmailObject(to.at(j)))
                return refuse(QStringLiteral("Does not contain a valid address."),
                    field + QStringLiteral(".to.%1.email").arg(j));
        }
        if (personalization.contains(QLatin1String("custom_args"))) {
            const auto args = personalization.value(QLatin1String("custom_args"));
            if (!args.isObject())
                return refuse(QStringLiteral("Invalid type. Expected: object, given: %1.")
                                  .arg(args.isString() ? QStringLiteral("string") : QStringLiteral("other")),
                    field + QStringLiteral(".custom_args"));
            for (const auto &value : args.toObject()) {
                if (!value.isString())
                    return refuse(QStringLiteral("Custom arguments must be strings."),
                        field + QStringLiteral(".custom_args"));
            }
        }
    }
    if (!validEmailObject(body.value(QLatin1String("from"))))
        return refuse(
            QStringLiteral("The from email does not contain a valid address."), QStringLiteral("from.email"));
    if (body.value(QLatin1String("subject")).toString().isEmpty())
        return refuse(
            QStringLiteral("The subject is required. You can get around this requirement if you use a "
                           "template with a subject defined or if every personalization has a subject "
                           "defined."),
            QStringLiteral("subject"));
    const auto content = body.value(QLatin1String("content")).toArray();
    if (content.isEmpty())
        return refuse(
            QStringLiteral("Unless a valid template_id is provided, the content parameter is required. There "
                           "must be at least one defined content block. We typically suggest both text/plain "
                           "and text/html blocks are included, but only one block is required."),
            QStringLiteral("content"));
    QStringList types;
    for (qsizetype i = 0; i < content.size(); ++i) {
        const auto block = content.at(i).toObject();
        const auto type = block.value(QLatin1String("type")).toString();
        if (type.isEmpty())
            return refuse(
                QStringLiteral("The content type cannot contain ';', or CRLF characters, and must be at "
                               "least one character in length."),
                QStringLiteral("content.%1.type").arg(i));
        if (block.value(QLatin1String("value")).toString().isEmpty())
            return refuse(
                QStringLiteral("The content value must be a string at least one character in length."),
                QStringLiteral("content.%1.value").arg(i));
        if (types.contains(type))
            return refuse(QStringLiteral("If present, text/plain and text/html may only be provided once."),
                QStringLiteral("content"));
        types << type;
    }
    const auto plain = types.indexOf(QStringLiteral("text/plain"));
    const auto html = types.indexOf(QStringLiteral("text/html"));
    if ((plain > 0) || (plain < 0 && html > 0) || (plain == 0 && html > 1))
        return refuse(
            QStringLiteral("If present, text/plain must be first, followed by text/html, followed by any "
                           "other content."),
            QStringLiteral("content"));

    const auto id = QStringLiteral("fake-sg-%1").arg(m_ids.size() + 1, 6, 10, QLatin1Char('0'));
    m_ids << id;
    Answer answer;
    answer.status = 202;
    answer.body.clear();
    answer.headers = {{"X-Message-Id", id.toUtf8()}};
    return answer;
}

FakeMailgun::FakeMailgun(QString apiKey, QString domain)
    : MailChatFake(QStringLiteral("Mailgun"))
    , m_apiKey(std::move(apiKey))
    , m_domain(std::move(domain))
{ }

QList<QPair<QString, QString>> FakeMailgun::fields(const Request &request)
{
    QList<QPair<QString, QString>> result;
    const auto parsed = sb::MultipartParser::parse(request.header("Content-Type"), request.body);
    for (const auto &part : parsed.parts)
        result.append({part.name, QString::fromUtf8(part.body)});
    return result;
}

QString FakeMailgun::field(const Request &request, const QString &name)
{
    for (const auto &[key, value] : fields(request)) {
        if (key == name)
            return value;
    }
    return {};
}

MailChatFake::Answer FakeMailgun::handle(const Request &request, QStringList &problems)
{
    auto refuse = [&](const QString &message) {
        problems << message;
        return json(400, QJsonObject {{QStringLiteral("message"), message}});
    };
    const QByteArray expectedPath = "/v3/" + m_domain.toUtf8() + "/messages";
    if (request.method != "POST" || !path(request).startsWith("/v3/")
        || !path(request).endsWith("/messages")) {
        problems << QStringLiteral("expected POST /v3/{domain}/messages, got %1 %2")
                        .arg(QString::fromUtf8(request.method), QString::fromUtf8(request.target));
        return text(404, "404 page not found");
    }
    if (request.header("Authorization") != "Basic " + QByteArray("api:" + m_apiKey.toUtf8()).toBase64()) {
        problems << QStringLiteral("Authorization is not Basic api:<api_key>");
        return text(401, "Forbidden");
    }
    if (path(request) != expectedPath) {
        problems
            << QStringLiteral("the domain in %1 is not %2").arg(QString::fromUtf8(request.target), m_domain);
        return json(404, QJsonObject {{QStringLiteral("message"), QStringLiteral("Domain not found")}});
    }
    const auto contentType = request.header("Content-Type");
    if (!sb::MultipartParser::isMultipartFormData(contentType))
        return refuse(QStringLiteral("Content-Type is not multipart/form-data"));
    const auto parsed = sb::MultipartParser::parse(contentType, request.body);
    if (!parsed.ok())
        return refuse(QStringLiteral("malformed multipart body: ") + parsed.error);

    static const QStringList known {QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("cc"),
        QStringLiteral("bcc"), QStringLiteral("subject"), QStringLiteral("text"), QStringLiteral("html"),
        QStringLiteral("amp-html"), QStringLiteral("template"), QStringLiteral("recipient-variables"),
        QStringLiteral("attachment"), QStringLiteral("inline")};
    QMultiHash<QString, QString> values;
    qsizetype optionBytes = 0;
    for (const auto &part : parsed.parts) {
        const auto name = part.name;
        const bool option = name.startsWith(QLatin1String("o:")) || name.startsWith(QLatin1String("h:"))
            || name.startsWith(QLatin1String("v:")) || name.startsWith(QLatin1String("t:"));
        if (!option && !known.contains(name))
            return refuse(QStringLiteral("unknown parameter '%1'").arg(name));
        if (option) {
            optionBytes += name.toUtf8().size() + part.body.size();
            if (name.size() <= 2)
                return refuse(QStringLiteral("parameter '%1' has no name after the prefix").arg(name));
        }
        if (name.startsWith(QLatin1String("h:"))) {
            for (const auto c : name.mid(2)) {
                if (c.unicode() < 33 || c.unicode() > 126 || c == QLatin1Char(':'))
                    return refuse(QStringLiteral("'%1' is not a valid header name").arg(name.mid(2)));
            }
            if (part.body.contains('\r') || part.body.contains('\n'))
                return refuse(QStringLiteral("header '%1' holds a line break").arg(name.mid(2)));
        }
        values.insert(name, QString::fromUtf8(part.body));
    }
    if (optionBytes > 16 * 1024)
        return refuse(QStringLiteral("send options (o:, h:, v:, t:) exceed 16KB"));
    if (!values.contains(QStringLiteral("from")))
        return refuse(QStringLiteral("'from' parameter is missing"));
    if (!sb::EmailAddress::parse(values.value(QStringLiteral("from"))))
        return refuse(QStringLiteral("'from' parameter is not a valid address. please check documentation"));
    if (!values.contains(QStringLiteral("to")))
        return refuse(QStringLiteral("'to' parameter is missing"));
    for (const auto &recipient : values.value(QStringLiteral("to")).split(QLatin1Char(','))) {
        if (!sb::EmailAddress::parse(recipient))
            return refuse(
                QStringLiteral("'to' parameter is not a valid address. please check documentation"));
    }
    if (values.value(QStringLiteral("subject")).isEmpty())
        return refuse(QStringLiteral("'subject' parameter is missing"));
    if (values.value(QStringLiteral("text")).isEmpty() && values.value(QStringLiteral("html")).isEmpty()
        && !values.contains(QStringLiteral("amp-html")) && !values.contains(QStringLiteral("template")))
        return refuse(
            QStringLiteral("Need at least one of 'text', 'html', 'amp-html' or 'template' parameters "
                           "specified"));

    const auto id
        = QStringLiteral("<fake-%1@%2>").arg(m_ids.size() + 1, 6, 10, QLatin1Char('0')).arg(m_domain);
    m_ids << id;
    return json(200,
        QJsonObject {
            {QStringLiteral("id"), id}, {QStringLiteral("message"), QStringLiteral("Queued. Thank you.")}});
}

} // namespace sb::test
