#include "AwsSnsAdapter.h"

#include "AwsRequestSigning.h"
#include "security/AwsSigV4.h"

#include <QXmlStreamReader>

namespace sb::channels {

namespace {

// Form fields, each name and value percent-encoded (RFC 3986 unreserved characters kept).
class FormBody
{
public:
    void add(QByteArrayView name, const QString &value)
    {
        if (!m_body.isEmpty())
            m_body.append('&');
        m_body.append(AwsSigV4::uriEncode(name)).append('=').append(AwsSigV4::uriEncode(value.toUtf8()));
    }
    QByteArray bytes() const { return m_body; }

private:
    QByteArray m_body;
};

// The text of the first element named `name` in `xml`, or empty.
QString xmlElementText(const QByteArray &xml, QLatin1StringView name)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == name)
            return reader.readElementText(QXmlStreamReader::SkipChildElements).trimmed();
    }
    return {};
}

} // namespace

bool isAwsRetryableCode(const QString &code)
{
    static const QStringList retryable {QStringLiteral("Throttling"), QStringLiteral("ThrottlingException"),
        QStringLiteral("ThrottledException"), QStringLiteral("TooManyRequestsException"),
        QStringLiteral("RequestLimitExceeded"), QStringLiteral("InternalError"),
        QStringLiteral("InternalFailure"), QStringLiteral("ServiceUnavailable")};
    return retryable.contains(code);
}

QUrl AwsSnsAdapter::defaultBaseUrl(const QJsonObject &config) const
{
    return awsRegionalEndpoint(QStringLiteral("sns"), config);
}

ProviderRequest AwsSnsAdapter::request(
    const OutgoingMessage &message, const QJsonObject &config, const SendContext &context) const
{
    FormBody form;
    form.add("Action", QStringLiteral("Publish"));
    form.add("Version", QStringLiteral("2010-03-31"));
    form.add("PhoneNumber", message.to);
    form.add("Message", message.body);
    const QString senderId = message.from.isEmpty()
        ? config.value(QLatin1String("sender_id")).toString().trimmed()
        : message.from;
    if (!senderId.isEmpty()) {
        form.add("MessageAttributes.entry.1.Name", QStringLiteral("AWS.SNS.SMS.SenderID"));
        form.add("MessageAttributes.entry.1.Value.DataType", QStringLiteral("String"));
        form.add("MessageAttributes.entry.1.Value.StringValue", senderId);
    }
    QUrl url = baseUrlOf(config, defaultBaseUrl(config));
    url.setPath(url.path() + QLatin1Char('/'));
    return awsSignedRequest(url, "application/x-www-form-urlencoded; charset=utf-8", form.bytes(), config,
        QStringLiteral("sns"), context.now);
}

ProviderAnswer AwsSnsAdapter::interpret(
    int httpStatus, const HeaderList &headers, const QByteArray &body) const
{
    ProviderAnswer answer = classifyStatus(httpStatus, headers);
    if (answer.outcome == SendOutcome::Accepted) {
        answer.providerId = xmlElementText(body, QLatin1StringView("MessageId"));
        return answer;
    }
    answer.errorCode = xmlElementText(body, QLatin1StringView("Code"));
    answer.errorMessage = xmlElementText(body, QLatin1StringView("Message"));
    if (isAwsRetryableCode(answer.errorCode))
        answer.outcome = SendOutcome::Retry;
    return answer;
}

const ProviderAdapter &awsSnsAdapter()
{
    static const AwsSnsAdapter adapter;
    return adapter;
}

} // namespace sb::channels
