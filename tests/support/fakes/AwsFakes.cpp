#include "AwsFakes.h"

#include "security/AwsSigV4.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

namespace sb::test {

namespace {

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QByteArray xmlEscaped(const QString &text)
{
    return text.toHtmlEscaped().toUtf8();
}

bool isE164(const QString &number)
{
    static const QRegularExpression pattern(QStringLiteral("^\\+[1-9][0-9]{1,14}$"));
    return pattern.match(number).hasMatch();
}

bool isEmailAddress(const QString &address)
{
    static const QRegularExpression pattern(QStringLiteral("^[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+$"));
    return pattern.match(address).hasMatch();
}

// `"Name" <a@b.c>`, `=?UTF-8?B?...?= <a@b.c>` or `a@b.c` → the address.
QString addressPart(const QString &from)
{
    const qsizetype open = from.lastIndexOf(QLatin1Char('<'));
    if (open >= 0 && from.endsWith(QLatin1Char('>')))
        return from.mid(open + 1, from.size() - open - 2);
    return from;
}

QMap<QString, QString> parseForm(const QByteArray &body)
{
    QMap<QString, QString> fields;
    for (const auto &pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        QByteArray name = equals < 0 ? pair : pair.left(equals);
        QByteArray value = equals < 0 ? QByteArray() : pair.mid(equals + 1);
        name.replace('+', ' ');
        value.replace('+', ' ');
        fields.insert(QString::fromUtf8(QByteArray::fromPercentEncoding(name)),
            QString::fromUtf8(QByteArray::fromPercentEncoding(value)));
    }
    return fields;
}

QPair<QByteArray, QByteArray> splitTarget(const QByteArray &target)
{
    const qsizetype question = target.indexOf('?');
    if (question < 0)
        return {target, {}};
    return {target.left(question), target.mid(question + 1)};
}

// "Code: reason" → {code, reason}
QPair<QString, QString> splitProblem(const QString &problem)
{
    const qsizetype colon = problem.indexOf(QLatin1String(": "));
    return {problem.left(colon), problem.mid(colon + 2)};
}

WebhookReceiver::Answer snsError(
    int status, const QString &code, const QString &message, std::optional<int> retryAfter = {})
{
    WebhookReceiver::Answer answer;
    answer.status = status;
    answer.headers = {{"Content-Type", "text/xml"}, {"x-amzn-RequestId", newUuid().toUtf8()}};
    if (retryAfter)
        answer.headers.append({"Retry-After", QByteArray::number(*retryAfter)});
    const QByteArray type = status >= 500 ? "Receiver" : "Sender";
    answer.body = "<ErrorResponse xmlns=\"https://sns.amazonaws.com/doc/2010-03-31/\">\n  <Error>\n    <Type>"
        + type + "</Type>\n    <Code>" + xmlEscaped(code) + "</Code>\n    <Message>" + xmlEscaped(message)
        + "</Message>\n  </Error>\n  <RequestId>" + newUuid().toUtf8() + "</RequestId>\n</ErrorResponse>\n";
    return answer;
}

WebhookReceiver::Answer sesError(
    int status, const QString &code, const QString &message, std::optional<int> retryAfter = {})
{
    WebhookReceiver::Answer answer;
    answer.status = status;
    answer.headers = {{"Content-Type", "application/json"}, {"x-amzn-RequestId", newUuid().toUtf8()},
        {"x-amzn-ErrorType", code.toUtf8() + ":http://internal.amazon.com/coral/com.amazonaws.sesv2/"}};
    if (retryAfter)
        answer.headers.append({"Retry-After", QByteArray::number(*retryAfter)});
    answer.body
        = QJsonDocument(QJsonObject {{QStringLiteral("message"), message}}).toJson(QJsonDocument::Compact);
    return answer;
}

int signatureStatus(const QString &code)
{
    return code == QLatin1String("IncompleteSignature") ? 400 : 403;
}

} // namespace

QStringList awsSignatureProblems(
    const WebhookReceiver::Received &request, const AwsFakeAccount &account, const QString &service)
{
    const QByteArray authorization = request.header("Authorization");
    if (authorization.isEmpty())
        return {QStringLiteral("MissingAuthenticationToken: Request is missing Authentication Token")};
    static const QRegularExpression pattern(
        QStringLiteral("^AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, "
                       "SignedHeaders=([a-z0-9;-]+), "
                       "Signature=([0-9a-f]{64})$"));
    const auto match = pattern.match(QString::fromUtf8(authorization));
    if (!match.hasMatch())
        return {QStringLiteral("IncompleteSignature: Authorization header is not AWS4-HMAC-SHA256 "
                               "Credential=.../aws4_request, SignedHeaders=..., Signature=<64 hex>")};
    if (match.captured(1) != account.accessKeyId)
        return {
            QStringLiteral("InvalidClientTokenId: The security token included in the request is invalid.")};

    QStringList problems;
    const QByteArray amzDate = request.header("X-Amz-Date");
    const QDateTime signedAt
        = QDateTime::fromString(QString::fromLatin1(amzDate), QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
    if (!signedAt.isValid()) {
        problems << QStringLiteral("IncompleteSignature: X-Amz-Date is missing or not yyyyMMddTHHmmssZ");
        return problems;
    }
    QDateTime utc = signedAt;
    utc.setTimeSpec(Qt::UTC);
    if (qAbs(utc.secsTo(QDateTime::currentDateTimeUtc())) > 15 * 60)
        problems << QStringLiteral(
            "RequestExpired: Signature expired: X-Amz-Date is more than 15 minutes from now");
    if (match.captured(2).toLatin1() != amzDate.left(8))
        problems << QStringLiteral("SignatureDoesNotMatch: credential date differs from X-Amz-Date");
    if (match.captured(3) != account.region)
        problems << QStringLiteral("SignatureDoesNotMatch: credential scope region %1, expected %2")
                        .arg(match.captured(3), account.region);
    if (match.captured(4) != service)
        problems << QStringLiteral("SignatureDoesNotMatch: credential scope service %1, expected %2")
                        .arg(match.captured(4), service);
    const QStringList signedNames = match.captured(5).split(QLatin1Char(';'));
    for (const char *required : {"host", "x-amz-date"}) {
        if (!signedNames.contains(QLatin1String(required)))
            problems << QStringLiteral("SignatureDoesNotMatch: %1 is not among the signed headers")
                            .arg(QLatin1String(required));
    }
    if (!account.sessionToken.isEmpty()) {
        if (request.header("X-Amz-Security-Token") != account.sessionToken.toUtf8())
            problems << QStringLiteral("InvalidClientTokenId: X-Amz-Security-Token is missing or wrong");
        else if (!signedNames.contains(QLatin1String("x-amz-security-token")))
            problems << QStringLiteral("SignatureDoesNotMatch: x-amz-security-token is not signed");
    }

    // Recompute over what arrived: the signed headers' values as received, the path and query sent.
    AwsSigV4Request received;
    received.method = request.method;
    const auto [path, query] = splitTarget(request.target);
    received.path = QByteArray::fromPercentEncoding(path);
    received.query = query;
    received.body = request.body;
    for (const auto &name : signedNames) {
        bool found = false;
        for (const auto &[key, value] : request.headers) {
            if (key.compare(name.toLatin1(), Qt::CaseInsensitive) == 0) {
                received.headers.append({key, value});
                found = true;
            }
        }
        if (!found)
            problems << QStringLiteral("SignatureDoesNotMatch: signed header %1 was not sent").arg(name);
    }
    const AwsCredentials credentials {account.accessKeyId, account.secretAccessKey, {}};
    const auto expected = AwsSigV4::sign(received, credentials, AwsScope {account.region, service}, utc);
    if (expected.signature != match.captured(6).toLatin1())
        problems << QStringLiteral(
            "SignatureDoesNotMatch: The request signature we calculated does not match the "
            "signature you provided.");
    return problems;
}

// ---- SNS ----

FakeSns::FakeSns(AwsFakeAccount account)
    : m_account(std::move(account))
{
    m_receiver.setResponder([this](const WebhookReceiver::Received &request) { return respond(request); });
}

QString FakeSns::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_receiver.port());
}

WebhookReceiver::Answer FakeSns::respond(const WebhookReceiver::Received &request)
{
    const auto fail = [&](int status, const QString &code, const QString &message) {
        m_violations << QStringLiteral("%1: %2").arg(code, message);
        return snsError(status, code, message);
    };
    if (request.method != "POST")
        return fail(400, QStringLiteral("InvalidAction"),
            QStringLiteral("Publish is a POST, got %1").arg(QString::fromUtf8(request.method)));
    if (splitTarget(request.target).first != "/")
        return fail(404, QStringLiteral("InvalidAction"),
            QStringLiteral("the Query API path is /, got %1").arg(QString::fromUtf8(request.target)));
    const QStringList signature = awsSignatureProblems(request, m_account, QStringLiteral("sns"));
    if (!signature.isEmpty()) {
        m_violations << signature;
        const auto [code, message] = splitProblem(signature.first());
        return snsError(signatureStatus(code), code, message);
    }
    if (!request.header("Content-Type").startsWith("application/x-www-form-urlencoded"))
        return fail(400, QStringLiteral("InvalidParameter"),
            QStringLiteral("Content-Type must be application/x-www-form-urlencoded"));

    const auto fields = parseForm(request.body);
    if (fields.value(QStringLiteral("Action")) != QLatin1String("Publish"))
        return fail(400, QStringLiteral("InvalidAction"),
            QStringLiteral("The action %1 is not valid for this endpoint.")
                .arg(fields.value(QStringLiteral("Action"))));
    if (fields.value(QStringLiteral("Version")) != QLatin1String("2010-03-31"))
        return fail(400, QStringLiteral("InvalidParameter"), QStringLiteral("Version must be 2010-03-31"));
    if (!isE164(fields.value(QStringLiteral("PhoneNumber"))))
        return fail(400, QStringLiteral("InvalidParameter"),
            QStringLiteral("Invalid parameter: PhoneNumber Reason: %1 is not E.164")
                .arg(fields.value(QStringLiteral("PhoneNumber"))));
    if (fields.value(QStringLiteral("Message")).isEmpty())
        return fail(
            400, QStringLiteral("InvalidParameter"), QStringLiteral("Invalid parameter: Empty message"));
    if (fields.contains(QStringLiteral("TopicArn")) || fields.contains(QStringLiteral("TargetArn")))
        return fail(400, QStringLiteral("InvalidParameter"),
            QStringLiteral("Invalid parameter: only one of PhoneNumber, TopicArn, TargetArn"));
    for (int entry = 1; fields.contains(QStringLiteral("MessageAttributes.entry.%1.Name").arg(entry));
         ++entry) {
        const QString prefix = QStringLiteral("MessageAttributes.entry.%1.").arg(entry);
        const QString name = fields.value(prefix + QLatin1String("Name"));
        const QString type = fields.value(prefix + QLatin1String("Value.DataType"));
        const QString value = fields.value(prefix + QLatin1String("Value.StringValue"));
        if (type != QLatin1String("String") && type != QLatin1String("Number"))
            return fail(400, QStringLiteral("ParameterValueInvalid"),
                QStringLiteral("The message attribute '%1' has an invalid message attribute type").arg(name));
        if (name == QLatin1String("AWS.SNS.SMS.SenderID")) {
            static const QRegularExpression senderId(QStringLiteral("^(?=.*[A-Za-z])[A-Za-z0-9-]{1,11}$"));
            if (!senderId.match(value).hasMatch())
                return fail(400, QStringLiteral("ParameterValueInvalid"),
                    QStringLiteral(
                        "Invalid sender ID %1: 1 to 11 letters, digits or hyphens, at least one letter")
                        .arg(value));
        }
    }
    if (!m_errors.empty()) {
        const AwsScriptedError error = m_errors.front();
        m_errors.pop_front();
        return snsError(error.status, error.code, error.message, error.retryAfterSeconds);
    }
    const QString messageId = newUuid();
    m_published.append(fields);
    m_messageIds.append(messageId);
    WebhookReceiver::Answer answer;
    answer.status = 200;
    answer.headers = {{"Content-Type", "text/xml"}, {"x-amzn-RequestId", newUuid().toUtf8()}};
    answer.body = "<PublishResponse xmlns=\"https://sns.amazonaws.com/doc/2010-03-31/\">\n  "
                  "<PublishResult>\n    <MessageId>"
        + messageId.toUtf8() + "</MessageId>\n  </PublishResult>\n  <ResponseMetadata>\n    <RequestId>"
        + newUuid().toUtf8() + "</RequestId>\n  </ResponseMetadata>\n</PublishResponse>\n";
    return answer;
}

// ---- SES ----

FakeSes::FakeSes(AwsFakeAccount account)
    : m_account(std::move(account))
{
    m_receiver.setResponder([this](const WebhookReceiver::Received &request) { return respond(request); });
}

QString FakeSes::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_receiver.port());
}

WebhookReceiver::Answer FakeSes::respond(const WebhookReceiver::Received &request)
{
    const auto fail = [&](int status, const QString &code, const QString &message) {
        m_violations << QStringLiteral("%1: %2").arg(code, message);
        return sesError(status, code, message);
    };
    if (request.method != "POST" || splitTarget(request.target).first != "/v2/email/outbound-emails")
        return fail(404, QStringLiteral("NotFoundException"),
            QStringLiteral("no route for %1 %2")
                .arg(QString::fromUtf8(request.method), QString::fromUtf8(request.target)));
    const QStringList signature = awsSignatureProblems(request, m_account, QStringLiteral("ses"));
    if (!signature.isEmpty()) {
        m_violations << signature;
        const auto [code, message] = splitProblem(signature.first());
        return sesError(signatureStatus(code), code, message);
    }
    if (!request.header("Content-Type").startsWith("application/json"))
        return fail(400, QStringLiteral("BadRequestException"),
            QStringLiteral("Content-Type must be application/json"));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return fail(400, QStringLiteral("BadRequestException"), QStringLiteral("body is not a JSON object"));
    const QJsonObject body = document.object();

    const QString from = body.value(QLatin1String("FromEmailAddress")).toString();
    if (!isEmailAddress(addressPart(from)))
        return fail(400, QStringLiteral("BadRequestException"),
            QStringLiteral("FromEmailAddress %1 is not an email address").arg(from));
    const QJsonArray to
        = body.value(QLatin1String("Destination")).toObject().value(QLatin1String("ToAddresses")).toArray();
    if (to.isEmpty())
        return fail(
            400, QStringLiteral("BadRequestException"), QStringLiteral("Destination.ToAddresses is empty"));
    for (const auto address : to) {
        if (!isEmailAddress(addressPart(address.toString())))
            return fail(400, QStringLiteral("BadRequestException"),
                QStringLiteral("Destination.ToAddresses holds %1, not an email address")
                    .arg(address.toString()));
    }
    const QJsonObject simple
        = body.value(QLatin1String("Content")).toObject().value(QLatin1String("Simple")).toObject();
    if (simple.isEmpty())
        return fail(400, QStringLiteral("BadRequestException"), QStringLiteral("Content.Simple is missing"));
    const auto checkContent = [](const QJsonValue &value) {
        const QJsonObject content = value.toObject();
        if (!content.value(QLatin1String("Data")).isString())
            return false;
        return !content.contains(QLatin1String("Charset"))
            || content.value(QLatin1String("Charset")).isString();
    };
    if (!checkContent(simple.value(QLatin1String("Subject")))
        || simple.value(QLatin1String("Subject"))
               .toObject()
               .value(QLatin1String("Data"))
               .toString()
               .isEmpty())
        return fail(400, QStringLiteral("BadRequestException"),
            QStringLiteral("Content.Simple.Subject.Data is required"));
    const QJsonObject messageBody = simple.value(QLatin1String("Body")).toObject();
    if (!messageBody.contains(QLatin1String("Text")) && !messageBody.contains(QLatin1String("Html")))
        return fail(400, QStringLiteral("BadRequestException"),
            QStringLiteral("Content.Simple.Body needs Text or Html"));
    for (const auto &part : {QStringLiteral("Text"), QStringLiteral("Html")}) {
        if (messageBody.contains(part) && !checkContent(messageBody.value(part)))
            return fail(400, QStringLiteral("BadRequestException"),
                QStringLiteral("Content.Simple.Body.%1 needs Data").arg(part));
    }
    if (!m_errors.empty()) {
        const AwsScriptedError error = m_errors.front();
        m_errors.pop_front();
        return sesError(error.status, error.code, error.message, error.retryAfterSeconds);
    }
    const QString messageId = QStringLiteral("0100018c-%1-000000").arg(newUuid());
    m_sent.append(body);
    m_messageIds.append(messageId);
    WebhookReceiver::Answer answer;
    answer.status = 200;
    answer.headers = {{"Content-Type", "application/json"}, {"x-amzn-RequestId", newUuid().toUtf8()}};
    answer.body = QJsonDocument(QJsonObject {{QStringLiteral("MessageId"), messageId}})
                      .toJson(QJsonDocument::Compact);
    return answer;
}

} // namespace sb::test
