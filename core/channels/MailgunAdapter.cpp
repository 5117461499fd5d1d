#include "MailgunAdapter.h"

#include "AnswerText.h"
#include "domain/EmailAddress.h"

#include <QCryptographicHash>

namespace sb::channels {

namespace {

// RFC 5322 2.2 field-name: printable ASCII except the colon.
bool isFieldName(const QString &name)
{
    if (name.isEmpty())
        return false;
    for (const auto c : name) {
        const auto u = c.unicode();
        if (u < 33 || u > 126 || u == ':')
            return false;
    }
    return true;
}

QString oneLine(QString value)
{
    value.replace(QLatin1Char('\r'), QLatin1Char(' '));
    value.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return value;
}

using Fields = QList<QPair<QString, QString>>;

// RFC 7578 multipart/form-data. The boundary is derived from the content (the request stays a pure
// function of its inputs) and is checked not to occur in it.
QByteArray multipartBody(const Fields &fields, QByteArray *boundaryOut)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const auto &[name, value] : fields) {
        hash.addData(name.toUtf8());
        hash.addData(value.toUtf8());
    }
    QByteArray seed = hash.result().toHex();
    QByteArray boundary;
    for (int attempt = 0;; ++attempt) {
        boundary = "switchboard-" + seed.left(40);
        bool clash = false;
        for (const auto &[name, value] : fields)
            clash = clash || value.toUtf8().contains(boundary);
        if (!clash)
            break;
        const QByteArray next = seed + QByteArray::number(attempt);
        seed = QCryptographicHash::hash(next, QCryptographicHash::Sha256).toHex();
    }
    QByteArray body;
    for (const auto &[name, value] : fields) {
        QByteArray quotedName = name.toUtf8();
        quotedName.replace('"', "%22");
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + quotedName + "\"\r\n\r\n"
            + value.toUtf8() + "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    *boundaryOut = boundary;
    return body;
}

class MailgunAdapter final : public ProviderAdapter
{
public:
    ServiceProvider provider() const override { return ServiceProvider::Mailgun; }

    QUrl defaultBaseUrl(const QJsonObject &config) const override
    {
        Q_UNUSED(config);
        return QUrl(QStringLiteral("https://api.mailgun.net"));
    }

    ProviderRequest request(
        const OutgoingMessage &message, const QJsonObject &config, const SendContext &context) const override
    {
        Q_UNUSED(context);
        const auto from = message.from.isEmpty()
            ? EmailAddress::format(config.value(QLatin1String("from_name")).toString(),
                config.value(QLatin1String("from_email")).toString())
            : message.from;
        Fields fields {{QStringLiteral("from"), from}, {QStringLiteral("to"), message.to},
            {QStringLiteral("subject"), message.subject}};
        if (!message.body.isEmpty())
            fields.append({QStringLiteral("text"), message.body});
        if (!message.html.isEmpty())
            fields.append({QStringLiteral("html"), message.html});
        if (!message.messageId.isEmpty())
            fields.append({QStringLiteral("v:switchboard_message_id"), message.messageId});
        const auto headers = message.extra.value(QLatin1String("headers")).toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it) {
            if (isFieldName(it.key()) && it.value().isString())
                fields.append({QStringLiteral("h:") + it.key(), oneLine(it.value().toString())});
        }

        QByteArray boundary;
        ProviderRequest request;
        request.body = multipartBody(fields, &boundary);
        const auto domain = QString::fromUtf8(
            QUrl::toPercentEncoding(config.value(QLatin1String("domain")).toString().trimmed()));
        request.url = QUrl(baseUrlOf(config, defaultBaseUrl(config)).toString() + QStringLiteral("/v3/")
            + domain + QStringLiteral("/messages"));
        const QByteArray credentials = "api:" + config.value(QLatin1String("api_key")).toString().toUtf8();
        request.headers = {
            {"Authorization", "Basic " + credentials.toBase64()},
            {"Content-Type", "multipart/form-data; boundary=" + boundary},
            {"Accept", "application/json"},
        };
        return request;
    }

    ProviderAnswer interpret(int httpStatus, const HeaderList &headers, const QByteArray &body) const override
    {
        auto answer = classifyStatus(httpStatus, headers);
        const auto object = answerObject(body);
        if (answer.outcome == SendOutcome::Accepted) {
            if (object)
                answer.providerId = object->value(QLatin1String("id")).toString();
            return answer;
        }
        const auto message = object ? object->value(QLatin1String("message")).toString() : QString();
        answer.errorMessage = message.isEmpty() ? answerText(body) : message;
        return answer;
    }
};

} // namespace

const ProviderAdapter &mailgunAdapter()
{
    static const MailgunAdapter adapter;
    return adapter;
}

} // namespace sb::channels
