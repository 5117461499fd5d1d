#include "RowJson.h"

#include "domain/IsoTime.h"
#include "storage/SqlWorker.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlRecord>
#include <QVariant>

namespace sb {

namespace {

QJsonValue columnJson(const QString &name, const QVariant &value, RowTimes times)
{
    if (value.isNull())
        return QJsonValue::Null;
    if (name == QLatin1String("attachments"))
        return QJsonDocument::fromJson(value.toByteArray()).array();
    const bool integer = value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int;
    if (times == RowTimes::Iso && value.typeId() == QMetaType::LongLong
        && name.endsWith(QLatin1String("_at")))
        return isoTime(value.toLongLong());
    if (integer)
        return value.toLongLong();
    return QJsonValue::fromVariant(value);
}

} // namespace

QJsonObject rowJson(SqlContext &context, const QString &table, qint64 id, RowTimes times)
{
    auto &query
        = context.run(QStringLiteral("SELECT * FROM ") + table + QStringLiteral(" WHERE id = ?"), {id});
    QJsonObject json;
    if (query.next()) {
        const auto record = query.record();
        const int attributes = record.indexOf(QStringLiteral("attributes"));
        if (attributes >= 0)
            json = QJsonDocument::fromJson(record.value(attributes).toString().toUtf8()).object();
        for (int i = 0; i < record.count(); ++i) {
            if (i != attributes)
                json.insert(record.fieldName(i), columnJson(record.fieldName(i), record.value(i), times));
        }
    }
    query.finish();
    return json;
}

} // namespace sb
