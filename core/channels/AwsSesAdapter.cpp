#include "AwsSesAdapter.h"

#include "AwsRequestSigning.h"
#include "AwsSnsAdapter.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace sb::channels {

namespace {

QJsonObject utf8Content(const QString &data)
{
    return QJsonObject {{QStringLiteral("Data"), data}, {QStringLiteral("Charset"), QStringLiteral("UTF-8")}};
}

bool isPrintableAscii(const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return false;
    }
    return true;
}

} // namespace

QString emailWithDisplayName(const QString &address, const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return address;
    if (isPrintableAscii(trimmed)) {
        QString quoted = trimmed;
        quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
            .replace(QLatin1Char('"'), QLatin1String("\\\""));
        return QStringLiteral("\"%1\" <%2>").arg(quoted, address);
    }
    return QStringLiteral("=?UTF-8?B?%1?= <%2>")
        .arg(QString::fromLatin1(trimmed.toUtf8().toBase64()), address);
}

QUrl AwsSesAdapter::defaultBaseUrl(const QJsonObject &config) const
{
    return awsRegionalEndpoint(QStringLiteral("email"), config);
}

ProviderRequest AwsSesAdapter::request(
    const OutgoingMessage &message, const QJsonObject &config, const SendContext &context) const
{
    const QString fromEmail = message.from.isEmpty()
        ? config.value(QLatin1String("from_email")).toString().trimmed()
        : message.from;
    QJsonObject body {{QStringLiteral("Text"), utf8Content(message.body)}};
    if (!message.html.isEmpty())
        body.insert(QStringLiteral("Html"), utf8Content(message.html));
    const QJsonObject simple {
        {QStringLiteral("Subject"), utf8Content(message.subject)}, {QStringLiteral("Body"), body}};
    const QJsonObject payload {
        {QStringLiteral("FromEmailAddress"),
            emailWithDisplayName(fromEmail, config.value(QLatin1String("from_name")).toString())},
        {QStringLiteral("Destination"),
            QJsonObject {{QStringLiteral("ToAddresses"), QJsonArray {message.to}}}},
        {QStringLiteral("Content"), QJsonObject {{QStringLiteral("Simple"), simple}}},
    };
    QUrl url = baseUrlOf(config, defaultBaseUrl(config));
    url.setPath(url.path() + QLatin1String("/v2/email/outbound-emails"));
    return awsSignedRequest(url, "application/json", QJsonDocument(payload).toJson(QJsonDocument::Compact),
        config, QStringLiteral("ses"), context.now);
}

ProviderAnswer AwsSesAdapter::interpret(
    int httpStatus, const HeaderList &headers, const QByteArray &body) const
{
    ProviderAnswer answer = classifyStatus(httpStatus, headers);
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    if (answer.outcome == SendOutcome::Accepted) {
        answer.providerId = json.value(QLatin1String("MessageId")).toString();
        return answer;
    }
    QString type;
    for (const auto &[name, value] : headers) {
        if (name.compare("X-Amzn-ErrorType", Qt::CaseInsensitive) == 0)
            type = QString::fromUtf8(value.left(value.indexOf(':') < 0 ? value.size() : value.indexOf(':')));
    }
    if (type.isEmpty())
        type = json.value(QLatin1String("__type")).toString(json.value(QLatin1String("code")).toString());
    // "__type" may carry a namespace: "com.amazonaws...#BadRequestException".
    answer.errorCode = type.mid(type.lastIndexOf(QLatin1Char('#')) + 1).trimmed();
    answer.errorMessage
        = json.value(QLatin1String("message")).toString(json.value(QLatin1String("Message")).toString());
    if (isAwsRetryableCode(answer.errorCode))
        answer.outcome = SendOutcome::Retry;
    return answer;
}

const ProviderAdapter &awsSesAdapter()
{
    static const AwsSesAdapter adapter;
    return adapter;
}

} // namespace sb::channels
