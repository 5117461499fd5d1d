#pragma once

#include "DomainEvent.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringView>
#include <optional>

namespace sb {

// What became of an inbound request: handled, recognised as a repeat of one already handled, or
// refused (bad signature, bad body, no such route, ...).
enum class InboundStatus
{
    Processed,
    Duplicate,
    Rejected
};

// The stored and wire name ("processed", "duplicate", "rejected").
QString inboundStatusName(InboundStatus status);
std::optional<InboundStatus> inboundStatusFromName(QStringView name);
QList<InboundStatus> allInboundStatuses();

// One stored inbound request with everything the detail pane shows. `summary.status` holds the
// status's name (InboundSummary travels to the views as text); status() reads it.
struct InboundRecord
{
    InboundSummary summary;
    QString target;
    QByteArray rawHead; // request line + header lines exactly as received
    QByteArray body;
    QString peer;
    QString handler;
    QString source;
    QString verificationDetail;
    QByteArray stringToSign;
    QByteArray responseBody;
    QString error;
    qint64 durationUs = 0;
    QString replayOf; // set on a replay: the record it re-ran
    qint64 replayedAtMs = 0;

    std::optional<InboundStatus> status() const { return inboundStatusFromName(summary.status); }
    QString requestLine() const;
    // Header lines of raw_head in arrival order, names as sent.
    QList<QPair<QString, QString>> headers() const;
    QByteArray header(QByteArrayView name) const;
    bool operator==(const InboundRecord &) const = default;
};

} // namespace sb
