#include "InboundRecord.h"

#include "security/Redaction.h"

namespace sb {

QString inboundStatusName(InboundStatus status)
{
    switch (status) {
    case InboundStatus::Processed:
        return QStringLiteral("processed");
    case InboundStatus::Duplicate:
        return QStringLiteral("duplicate");
    case InboundStatus::Rejected:
        return QStringLiteral("rejected");
    }
    return {};
}

std::optional<InboundStatus> inboundStatusFromName(QStringView name)
{
    for (const auto status : allInboundStatuses()) {
        if (name == inboundStatusName(status))
            return status;
    }
    return std::nullopt;
}

QList<InboundStatus> allInboundStatuses()
{
    return {InboundStatus::Processed, InboundStatus::Duplicate, InboundStatus::Rejected};
}

QString InboundRecord::requestLine() const
{
    const auto end = rawHead.indexOf('\n');
    return QString::fromLatin1(rawHead.left(end < 0 ? rawHead.size() : end)).trimmed();
}

QList<QPair<QString, QString>> InboundRecord::headers() const
{
    // [rfc9112] 5: field-line = field-name ":" OWS field-value OWS; the first line is the request line.
    QList<QPair<QString, QString>> result;
    const auto lines = rawHead.split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const auto line = lines[i].trimmed();
        const auto colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        // Header values are bytes: Latin-1 shows every byte as one character (RFC 9110 5.5), except
        // a redacted credential's "••••" hint, which is UTF-8.
        result.append({QString::fromLatin1(line.left(colon)),
            HeaderRedaction::headerText(line.mid(colon + 1).trimmed())});
    }
    return result;
}

QByteArray InboundRecord::header(QByteArrayView name) const
{
    const auto nameText = QString::fromLatin1(name);
    for (const auto &[key, value] : headers()) {
        if (key.compare(nameText, Qt::CaseInsensitive) == 0)
            return value.toLatin1();
    }
    return {};
}

} // namespace sb
