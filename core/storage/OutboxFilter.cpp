#include "OutboxFilter.h"

#include "storage/OutboxMapper.h"
#include "storage/SqlPattern.h"

#include <QVariant>

namespace sb {

namespace {
const QLatin1String webhookName("webhook");
} // namespace

QString LogChannel::name() const
{
    return send ? channelName(*send) : QString(webhookName);
}

std::optional<LogChannel> LogChannel::fromName(QStringView name)
{
    if (name == webhookName)
        return LogChannel {};
    const auto channel = channelFromName(name);
    if (!channel)
        return std::nullopt;
    return LogChannel {channel};
}

bool OutboxFilter::isEmpty() const
{
    return !channel && !status && provider.isEmpty() && fromMs == 0 && toMs == 0
        && search.trimmed().isEmpty();
}

QString OutboxFilter::clauses(QVariantList *values) const
{
    QString sql;
    if (channel) {
        sql += QStringLiteral(" AND channel = ?");
        values->append(channelName(*channel));
    }
    if (status) {
        sql += QStringLiteral(" AND status = ?");
        values->append(outboxStatusName(*status));
    }
    if (!provider.isEmpty()) {
        sql += QStringLiteral(" AND provider = ?");
        values->append(provider);
    }
    if (fromMs != 0) {
        sql += QStringLiteral(" AND created_at >= ?");
        values->append(fromMs);
    }
    if (toMs != 0) {
        sql += QStringLiteral(" AND created_at < ?");
        values->append(toMs);
    }
    const auto text = search.trimmed();
    if (text.isEmpty())
        return sql;
    if (const auto id = OutboxMapper::outboxIdOf(text); id != 0) {
        sql += QStringLiteral(" AND id = ?");
        values->append(id);
        return sql;
    }
    const auto pattern = containsPattern(text);
    sql += QStringLiteral(" AND (request LIKE ? ESCAPE '\\' OR provider_id = ? OR last_error LIKE ? ESCAPE "
                          "'\\' OR last_status = ?)");
    values->append(pattern);
    values->append(text);
    values->append(pattern);
    bool numeric = false;
    const int code = text.toInt(&numeric);
    values->append(numeric ? QVariant(code) : QVariant(-1));
    return sql;
}

} // namespace sb
