#include "ListQuery.h"

#include "storage/SqlWorker.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace sb {

namespace {

ApiError badParameter(const QString &message)
{
    return ApiError {ErrorKind::BadRequest, message};
}

std::optional<qint64> positive(const QString &text)
{
    bool ok = false;
    const auto number = text.toLongLong(&ok);
    if (!ok || number <= 0)
        return std::nullopt;
    return number;
}

} // namespace

QString encodeCursor(const PageKey &key)
{
    const QJsonObject json {{QStringLiteral("s"), key.sort},
        {QStringLiteral("v"), QString::number(key.value)}, {QStringLiteral("i"), QString::number(key.id)}};
    return QString::fromLatin1(QJsonDocument(json)
                                   .toJson(QJsonDocument::Compact)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<PageKey> decodeCursor(const QString &text)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        text.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || text.isEmpty())
        return std::nullopt;
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(*decoded, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const auto json = document.object();
    bool valueOk = false;
    bool idOk = false;
    PageKey key;
    key.sort = json.value(QStringLiteral("s")).toString();
    key.value = json.value(QStringLiteral("v")).toString().toLongLong(&valueOk);
    key.id = json.value(QStringLiteral("i")).toString().toLongLong(&idOk);
    if (!valueOk || !idOk || key.id <= 0 || key.sort.isEmpty())
        return std::nullopt;
    return key;
}

QString keysetClause(
    const SortOrder &order, const QString &idColumn, const PageKey &key, QVariantList &values)
{
    const QString op = order.descending ? QStringLiteral("<") : QStringLiteral(">");
    values << key.value << key.value << key.id;
    return QStringLiteral("(%1 %2 ? OR (%1 = ? AND %3 %2 ?))").arg(order.expression, op, idColumn);
}

QString orderClause(const SortOrder &order, const QString &idColumn)
{
    const QString direction = order.descending ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    return order.expression + direction + QStringLiteral(", ") + idColumn + direction;
}

IdPage keysetPage(
    SqlContext &context, const QString &sql, QVariantList values, int limit, const QString &sort)
{
    values << limit + 1;
    IdPage page;
    auto &query = context.run(sql, values);
    qint64 lastKey = 0;
    while (query.next()) {
        if (page.ids.size() == limit) {
            page.next = PageKey {sort, lastKey, page.ids.last()};
            break;
        }
        page.ids.append(query.value(0).toLongLong());
        lastKey = query.value(1).toLongLong();
    }
    query.finish();
    return page;
}

namespace listparam {

QString value(const ApiRequest &request, const QString &name)
{
    if (!request.query.hasQueryItem(name))
        return {};
    auto text = request.query.queryItemValue(name, QUrl::FullyDecoded);
    if (text.isNull())
        text = QStringLiteral("");
    return text;
}

std::variant<int, ApiError> limit(const ApiRequest &request)
{
    const auto text = value(request, QStringLiteral("limit"));
    if (text.isNull())
        return defaultLimit;
    bool ok = false;
    const int number = text.trimmed().toInt(&ok);
    if (!ok || number < 1 || number > maxLimit)
        return badParameter(QStringLiteral("limit must be an integer from 1 to %1").arg(maxLimit));
    return number;
}

std::variant<bool, ApiError> flag(const ApiRequest &request, const QString &name, bool fallback)
{
    const auto text = value(request, name);
    if (text.isNull())
        return fallback;
    const auto lower = text.trimmed().toLower();
    if (lower == QLatin1String("true") || lower == QLatin1String("1"))
        return true;
    if (lower == QLatin1String("false") || lower == QLatin1String("0"))
        return false;
    return badParameter(QStringLiteral("%1 must be true or false").arg(name));
}

std::variant<std::optional<qint64>, ApiError> time(const ApiRequest &request, const QString &name)
{
    const auto text = value(request, name).trimmed();
    if (value(request, name).isNull())
        return std::optional<qint64>();
    bool ok = false;
    const auto ms = text.toLongLong(&ok);
    if (ok && ms >= 0)
        return std::optional<qint64>(ms);
    const auto parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (parsed.isValid())
        return std::optional<qint64>(parsed.toMSecsSinceEpoch());
    return badParameter(QStringLiteral(
        "%1 must be an ISO 8601 time such as 2024-01-25T09:00:00Z or milliseconds since the epoch")
                            .arg(name));
}

std::variant<std::optional<qint64>, ApiError> id(const ApiRequest &request, const QString &name)
{
    const auto text = value(request, name);
    if (text.isNull())
        return std::optional<qint64>();
    if (auto number = positive(text.trimmed()))
        return number;
    return badParameter(QStringLiteral("%1 must be a positive integer").arg(name));
}

std::variant<std::optional<QString>, ApiError> oneOf(
    const ApiRequest &request, const QString &name, const QStringList &allowed)
{
    const auto text = value(request, name);
    if (text.isNull())
        return std::optional<QString>();
    if (allowed.contains(text.trimmed()))
        return std::optional<QString>(text.trimmed());
    return badParameter(
        QStringLiteral("%1 must be one of: %2").arg(name, allowed.join(QStringLiteral(", "))));
}

std::variant<SortOrder, ApiError> sort(
    const ApiRequest &request, const std::vector<SortOrder> &orders, const QString &fallback)
{
    auto text = value(request, QStringLiteral("sort"));
    if (text.isNull())
        text = fallback;
    text = text.trimmed();
    bool descending = false;
    if (text.startsWith(QLatin1Char('-'))) {
        descending = true;
        text = text.mid(1);
    } else if (text.startsWith(QLatin1Char('+'))) {
        text = text.mid(1);
    }
    for (const auto &order : orders) {
        if (order.name == text) {
            SortOrder chosen = order;
            chosen.descending = descending;
            chosen.name = (descending ? QStringLiteral("-") : QString()) + order.name;
            return chosen;
        }
    }
    QStringList names;
    for (const auto &order : orders)
        names << order.name << QStringLiteral("-") + order.name;
    return badParameter(QStringLiteral("sort must be one of: %1").arg(names.join(QStringLiteral(", "))));
}

std::variant<PageRequest, ApiError> page(
    const ApiRequest &request, const std::vector<SortOrder> &orders, const QString &fallback)
{
    const auto count = limit(request);
    if (const auto *error = std::get_if<ApiError>(&count))
        return *error;
    const auto order = sort(request, orders, fallback);
    if (const auto *error = std::get_if<ApiError>(&order))
        return *error;
    PageRequest page {std::get<int>(count), std::get<SortOrder>(order), std::nullopt};
    const auto after = cursor(request, QStringLiteral("cursor"), page.sort.name);
    if (const auto *error = std::get_if<ApiError>(&after))
        return *error;
    page.after = std::get<std::optional<PageKey>>(after);
    return page;
}

std::variant<std::optional<PageKey>, ApiError> cursor(
    const ApiRequest &request, const QString &name, const QString &sort)
{
    const auto text = value(request, name);
    if (text.isNull())
        return std::optional<PageKey>();
    auto key = decodeCursor(text.trimmed());
    if (!key)
        return badParameter(QStringLiteral("%1 is not a cursor this API returned").arg(name));
    if (!sort.isEmpty() && key->sort != sort)
        return badParameter(
            QStringLiteral("%1 was made for sort=%2, not sort=%3").arg(name, key->sort, sort));
    return key;
}

} // namespace listparam

std::optional<qint64> pathId(const ApiRequest &request, int index)
{
    return positive(request.pathArgs.value(index));
}

} // namespace sb
