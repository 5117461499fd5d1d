#include "InboundMapper.h"

#include "storage/Database.h"

#include <QVariant>

namespace sb {

namespace {

QVariant column(const QSqlRecord &row, const QString &name)
{
    const int index = row.indexOf(name);
    return index < 0 ? QVariant() : row.value(index);
}

} // namespace

QString InboundMapper::summaryColumns()
{
    return QStringLiteral(
        "seq, id, received_at, method, path, provider, event_type, status, response_status, "
        "verification, body_size, client_ip");
}

QString InboundMapper::columns()
{
    return summaryColumns()
        + QStringLiteral(
            ", target, raw_head, body, peer, handler, source, verification_detail, string_to_sign, "
            "response_body, error, duration_us, replay_of, replayed_at");
}

InboundSummary InboundMapper::summaryFromRecord(const QSqlRecord &row)
{
    InboundSummary s;
    s.seq = column(row, QStringLiteral("seq")).toLongLong();
    s.id = column(row, QStringLiteral("id")).toString();
    s.receivedAtMs = column(row, QStringLiteral("received_at")).toLongLong();
    s.method = column(row, QStringLiteral("method")).toString();
    s.path = column(row, QStringLiteral("path")).toString();
    s.provider = column(row, QStringLiteral("provider")).toString();
    s.eventType = column(row, QStringLiteral("event_type")).toString();
    const auto status = column(row, QStringLiteral("status"));
    if (status.isValid()) {
        const auto known = inboundStatusFromName(status.toString());
        if (!known)
            throw SqlError(
                QStringLiteral("inbound request %1 has an unknown status '%2'").arg(s.id, status.toString()));
        s.status = inboundStatusName(*known);
    }
    s.responseStatus = column(row, QStringLiteral("response_status")).toInt();
    s.verification = column(row, QStringLiteral("verification")).toString();
    s.bodySize = column(row, QStringLiteral("body_size")).toLongLong();
    s.clientIp = column(row, QStringLiteral("client_ip")).toString();
    return s;
}

InboundRecord InboundMapper::fromRecord(const QSqlRecord &row)
{
    InboundRecord r;
    r.summary = summaryFromRecord(row);
    r.target = column(row, QStringLiteral("target")).toString();
    r.rawHead = column(row, QStringLiteral("raw_head")).toByteArray();
    r.body = column(row, QStringLiteral("body")).toByteArray();
    r.peer = column(row, QStringLiteral("peer")).toString();
    r.handler = column(row, QStringLiteral("handler")).toString();
    r.source = column(row, QStringLiteral("source")).toString();
    r.verificationDetail = column(row, QStringLiteral("verification_detail")).toString();
    r.stringToSign = column(row, QStringLiteral("string_to_sign")).toByteArray();
    r.responseBody = column(row, QStringLiteral("response_body")).toByteArray();
    r.error = column(row, QStringLiteral("error")).toString();
    r.durationUs = column(row, QStringLiteral("duration_us")).toLongLong();
    r.replayOf = column(row, QStringLiteral("replay_of")).toString();
    r.replayedAtMs = column(row, QStringLiteral("replayed_at")).toLongLong();
    return r;
}

} // namespace sb
