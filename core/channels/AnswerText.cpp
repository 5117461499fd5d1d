#include "AnswerText.h"

#include "http/JsonBody.h"

#include <QJsonArray>

namespace sb::channels {

std::optional<QJsonObject> answerObject(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return std::nullopt;
    auto parsed = JsonBody::object(body);
    if (auto *object = std::get_if<QJsonObject>(&parsed))
        return *object;
    return std::nullopt;
}

QString answerText(const QByteArray &body)
{
    QString text = QString::fromUtf8(body).simplified();
    constexpr qsizetype limit = 300;
    if (text.size() > limit)
        text = text.left(limit) + QStringLiteral("…");
    return text;
}

QString flattenErrors(const QJsonValue &errors)
{
    if (errors.isString())
        return errors.toString();
    QStringList parts;
    if (errors.isArray()) {
        for (const auto &item : errors.toArray()) {
            const auto part = flattenErrors(item);
            if (!part.isEmpty())
                parts.append(part);
        }
    } else if (errors.isObject()) {
        const auto object = errors.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const auto part = flattenErrors(it.value());
            parts.append(part.isEmpty() ? it.key() : it.key() + QStringLiteral(": ") + part);
        }
    } else if (errors.isDouble()) {
        return QString::number(errors.toDouble());
    }
    return parts.join(QStringLiteral("; "));
}

QByteArray headerValue(const HeaderList &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace sb::channels
